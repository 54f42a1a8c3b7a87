import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { openSqliteFile, pingSqlite } from '@app/event-store';
import { restrictToOwner } from '../config/data-dir';
import {
  answerOf,
  IdempotencyStore,
  IdempotencyTimes,
  IdempotentOutcome,
  outcomeColumns,
  RecordColumns,
  Reservation,
} from './idempotency.store';

export const IDEMPOTENCY_FILE = 'idempotency.sqlite';
const SCHEMA_VERSION = 2;

// A record never holds a response body: only what a replay needs to read the resource again.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS idempotency_records (
  scope         TEXT NOT NULL,
  key           TEXT NOT NULL,
  request_hash  TEXT NOT NULL,
  state         TEXT NOT NULL CHECK (state IN ('pending', 'done')),
  token         TEXT,
  pending_until INTEGER,
  resource_kind TEXT,
  resource_id   TEXT,
  revision      TEXT,
  position      TEXT,
  status        INTEGER,
  created_at    INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS idempotency_records_expiry ON idempotency_records (expires_at);
`;

export interface SqliteIdempotencyStoreOptions extends IdempotencyTimes {
  path: string;
}

/**
 * Idempotency records in a SQLite file of their own (DATA_DIR/idempotency.sqlite). Every process on the host opens the
 * same file; a reservation is an IMMEDIATE transaction, so two processes never both get `new` for one live key.
 */
export class SqliteIdempotencyStore extends IdempotencyStore {
  private readonly db: Database.Database;
  private readonly times: IdempotencyTimes;
  private readonly stmt: ReturnType<SqliteIdempotencyStore['prepare']>;

  constructor(options: SqliteIdempotencyStoreOptions) {
    super();
    this.db = openSqliteFile(options.path, { secureDelete: true }); // freed cells are zeroed, not left for a reader
    // The file and its -wal and -shm: earlier versions left them readable by everyone.
    if (options.path !== ':memory:') restrictToOwner(options.path);
    this.migrate();
    this.times = { ttlMs: options.ttlMs, leaseMs: options.leaseMs };
    this.stmt = this.prepare();
  }

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION)
      throw new Error(`idempotency store schema ${version} is newer than this version knows (${SCHEMA_VERSION})`);
    // One transaction, so processes starting together on an old file do not both drop the old table.
    const dropped = this.db
      .transaction(() => {
        this.db.exec(SCHEMA);
        this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
        const legacy = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'idempotency'").get();
        // The first version kept whole response bodies (personal data in plaintext).
        if (legacy) this.db.exec('DROP TABLE idempotency');
        return !!legacy;
      })
      .immediate();
    if (!dropped) return;
    // Rewrite the file without the freed pages and empty the WAL, so no copy of a body is left on disk.
    this.db.exec('VACUUM');
    this.checkpoint();
  }

  private prepare() {
    const db = this.db;
    return {
      get: db.prepare(
        `SELECT request_hash, state, pending_until, resource_kind, resource_id, revision, position, status, expires_at
           FROM idempotency_records WHERE scope = ? AND key = ?`,
      ),
      claim: db.prepare(
        `INSERT OR REPLACE INTO idempotency_records (scope, key, request_hash, state, token, pending_until, created_at, expires_at)
         VALUES (?, ?, ?, 'pending', ?, ?, ?, ?)`,
      ),
      complete: db.prepare(
        `UPDATE idempotency_records
            SET state = 'done', token = NULL, pending_until = NULL, resource_kind = ?, resource_id = ?, revision = ?, position = ?, status = ?
          WHERE scope = ? AND key = ? AND token = ? AND state = 'pending'`,
      ),
      release: db.prepare("DELETE FROM idempotency_records WHERE scope = ? AND key = ? AND token = ? AND state = 'pending'"),
      purge: db.prepare('DELETE FROM idempotency_records WHERE expires_at <= ?'),
    };
  }

  async reserve(scope: string, key: string, requestHash: string, now: Date): Promise<Reservation> {
    const at = now.getTime();
    return this.db
      .transaction((): Reservation => {
        const answer = answerOf(this.stmt.get.get(scope, key) as RecordColumns | undefined, requestHash, at);
        if (answer) return answer;
        // Absent, expired, or a lease that ran out (its process died or hung): this request runs it.
        const token = randomBytes(16).toString('base64url');
        this.stmt.claim.run(scope, key, requestHash, token, at + this.times.leaseMs, at, at + this.times.ttlMs);
        return { kind: 'new', token };
      })
      .immediate();
  }

  async complete(scope: string, key: string, token: string, outcome: IdempotentOutcome): Promise<boolean> {
    const { changes } = this.stmt.complete.run(...outcomeColumns(outcome), scope, key, token);
    return changes === 1;
  }

  async release(scope: string, key: string, token: string): Promise<void> {
    this.stmt.release.run(scope, key, token);
  }

  async purgeExpired(now: Date): Promise<number> {
    const { changes } = this.stmt.purge.run(now.getTime());
    if (changes > 0) this.checkpoint();
    return changes;
  }

  async ping(): Promise<boolean> {
    return pingSqlite(this.db);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /** Folds the WAL into the file (whose freed cells secure_delete zeroed) and truncates it; busy readers: next time. */
  private checkpoint(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }
}
