import Database from 'better-sqlite3';

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export type Reservation = { kind: 'new' } | { kind: 'replay'; response: StoredResponse } | { kind: 'mismatch' } | { kind: 'in_progress' };

/** Durable record of Idempotency-Key requests, so a retried create gets the same answer even after a restart. */
export class IdempotencyStore {
  private readonly db: Database.Database;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('secure_delete = ON'); // forgotten responses may hold personal data
    this.db.exec(`CREATE TABLE IF NOT EXISTS idempotency (
      scope TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL, state TEXT NOT NULL,
      status INTEGER, headers TEXT, body TEXT, created_at TEXT NOT NULL, PRIMARY KEY (scope, key))`);
  }

  /** Claims the key for this request, or says what an earlier request with the same key left. */
  reserve(scope: string, key: string, requestHash: string): Reservation {
    return this.db.transaction((): Reservation => {
      const row = this.db
        .prepare('SELECT request_hash, state, status, headers, body FROM idempotency WHERE scope = ? AND key = ?')
        .get(scope, key) as { request_hash: string; state: string; status: number; headers: string; body: string } | undefined;
      if (!row) {
        this.db
          .prepare("INSERT INTO idempotency (scope, key, request_hash, state, created_at) VALUES (?, ?, ?, 'pending', ?)")
          .run(scope, key, requestHash, new Date().toISOString());
        return { kind: 'new' };
      }
      if (row.request_hash !== requestHash) return { kind: 'mismatch' };
      if (row.state !== 'done') return { kind: 'in_progress' };
      return { kind: 'replay', response: { status: row.status, headers: JSON.parse(row.headers), body: JSON.parse(row.body) } };
    })();
  }

  complete(scope: string, key: string, response: StoredResponse): void {
    this.db
      .prepare("UPDATE idempotency SET state = 'done', status = ?, headers = ?, body = ? WHERE scope = ? AND key = ?")
      .run(response.status, JSON.stringify(response.headers), JSON.stringify(response.body ?? null), scope, key);
  }

  release(scope: string, key: string): void {
    this.db.prepare("DELETE FROM idempotency WHERE scope = ? AND key = ? AND state = 'pending'").run(scope, key);
  }

  /** Deletes every stored response that mentions `text` (e.g. an erased case's id), and checkpoints the WAL. */
  forget(text: string): number {
    const { changes } = this.db.prepare('DELETE FROM idempotency WHERE instr(body, ?) > 0').run(text);
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return changes;
  }

  close(): void {
    this.db.close();
  }
}
