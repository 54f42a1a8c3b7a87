import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export type Reservation = { kind: 'new' } | { kind: 'replay'; response: StoredResponse } | { kind: 'mismatch' } | { kind: 'in_progress' };

/** Durable record of Idempotency-Key requests, so a retried create gets the same answer even after a restart. */
export class IdempotencyStore {
  private readonly db: Database.Database;
  /** This process's claim on the keys it reserves: a pending key of another process was left by one that died mid-request. */
  private readonly owner = randomUUID();

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('secure_delete = ON'); // forgotten responses may hold personal data
    this.db.exec(`CREATE TABLE IF NOT EXISTS idempotency (
      scope TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL, state TEXT NOT NULL,
      status INTEGER, headers TEXT, body TEXT, created_at TEXT NOT NULL, PRIMARY KEY (scope, key))`);
    const columns = this.db.prepare('PRAGMA table_info(idempotency)').all() as { name: string }[];
    if (!columns.some((c) => c.name === 'owner')) this.db.exec('ALTER TABLE idempotency ADD COLUMN owner TEXT');
  }

  /** Claims the key for this request, or says what an earlier request with the same key left. */
  reserve(scope: string, key: string, requestHash: string): Reservation {
    return this.db.transaction((): Reservation => {
      const row = this.db
        .prepare('SELECT request_hash, state, status, headers, body, owner FROM idempotency WHERE scope = ? AND key = ?')
        .get(scope, key) as
        | { request_hash: string; state: string; status: number; headers: string; body: string; owner: string | null }
        | undefined;
      if (!row) {
        this.db
          .prepare("INSERT INTO idempotency (scope, key, request_hash, state, created_at, owner) VALUES (?, ?, ?, 'pending', ?, ?)")
          .run(scope, key, requestHash, new Date().toISOString(), this.owner);
        return { kind: 'new' };
      }
      if (row.request_hash !== requestHash) return { kind: 'mismatch' };
      if (row.state !== 'done' && row.owner !== this.owner) {
        // Its process stopped before answering (a crash, a kill): the retry runs the request again instead of a 409 for ever.
        this.db.prepare('UPDATE idempotency SET owner = ? WHERE scope = ? AND key = ?').run(this.owner, scope, key);
        return { kind: 'new' };
      }
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
