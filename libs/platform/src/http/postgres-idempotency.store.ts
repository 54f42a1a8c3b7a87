import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { Migration, openDatabase, pingPool } from '@app/event-store';
import {
  answerOf,
  IdempotencyStore,
  IdempotencyTimes,
  IdempotentOutcome,
  outcomeColumns,
  RecordColumns,
  Reservation,
} from './idempotency.store';

// As in the SQLite adapter: no response body, only what a replay needs to read the resource again.
const MIGRATIONS: Migration[] = [
  {
    version: 1,
    sql: `CREATE TABLE idempotency_records (
      scope         text NOT NULL,
      key           text NOT NULL,
      request_hash  text NOT NULL,
      state         text NOT NULL CHECK (state IN ('pending', 'done')),
      token         text,
      pending_until bigint,
      resource_kind text,
      resource_id   text,
      revision      text,
      position      text,
      status        integer,
      created_at    bigint NOT NULL,
      expires_at    bigint NOT NULL,
      PRIMARY KEY (scope, key)
    );
    CREATE INDEX idempotency_records_expiry ON idempotency_records (expires_at)`,
  },
];

/**
 * A claim in one statement: a new key is inserted; an existing one is taken over only when its record expired, or
 * when it is the same request whose lease ran out (its process died or hung). The row lock of ON CONFLICT makes two
 * instances racing for one key see each other: exactly one gets a row back.
 */
const CLAIM = `
  INSERT INTO idempotency_records AS r (scope, key, request_hash, state, token, pending_until, created_at, expires_at)
  VALUES ($1, $2, $3, 'pending', $4, $5, $6, $7)
  ON CONFLICT (scope, key) DO UPDATE
     SET request_hash = EXCLUDED.request_hash, state = 'pending', token = EXCLUDED.token, pending_until = EXCLUDED.pending_until,
         resource_kind = NULL, resource_id = NULL, revision = NULL, position = NULL, status = NULL,
         created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
   WHERE r.expires_at <= EXCLUDED.created_at
      OR (r.request_hash = EXCLUDED.request_hash AND r.state = 'pending' AND r.pending_until <= EXCLUDED.created_at)
  RETURNING token`;

export interface PostgresIdempotencyStoreOptions extends IdempotencyTimes {
  /** IDEMPOTENCY_STORE_URL or POSTGRES_URL; TLS through `sslmode` and friends in the URL. */
  url: string;
}

/**
 * Idempotency records in PostgreSQL, for API instances on several hosts: a retry that the load balancer sends to
 * another host finds the first request's record (running: 409; done: replayed) instead of running it again.
 * The same lease and expiry as SqliteIdempotencyStore, shown by the same contract suite.
 */
export class PostgresIdempotencyStore extends IdempotencyStore {
  private constructor(
    private readonly pool: Pool,
    private readonly times: IdempotencyTimes,
  ) {
    super();
  }

  /** Connects and migrates; fails at start when the database cannot be used. */
  static async open(options: PostgresIdempotencyStoreOptions): Promise<PostgresIdempotencyStore> {
    const pool = await openDatabase(options.url, 'idempotency store', MIGRATIONS);
    return new PostgresIdempotencyStore(pool, { ttlMs: options.ttlMs, leaseMs: options.leaseMs });
  }

  async reserve(scope: string, key: string, requestHash: string, now: Date): Promise<Reservation> {
    const at = now.getTime();
    // A record released or purged between the claim and the read is simply claimed on the next round.
    for (let round = 0; round < 5; round++) {
      const token = randomBytes(16).toString('base64url');
      const claimed = await this.pool.query(CLAIM, [scope, key, requestHash, token, at + this.times.leaseMs, at, at + this.times.ttlMs]);
      if (claimed.rowCount === 1) return { kind: 'new', token };
      const { rows } = await this.pool.query<RecordColumns>(
        `SELECT request_hash, state, pending_until, resource_kind, resource_id, revision, position, status, expires_at
           FROM idempotency_records WHERE scope = $1 AND key = $2`,
        [scope, key],
      );
      const answer = answerOf(rows[0], requestHash, at);
      if (answer) return answer;
    }
    throw new Error('the idempotency record changed under every attempt to claim it');
  }

  async complete(scope: string, key: string, token: string, outcome: IdempotentOutcome): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE idempotency_records
          SET state = 'done', token = NULL, pending_until = NULL, resource_kind = $1, resource_id = $2, revision = $3, position = $4, status = $5
        WHERE scope = $6 AND key = $7 AND token = $8 AND state = 'pending'`,
      [...outcomeColumns(outcome), scope, key, token],
    );
    return rowCount === 1;
  }

  async release(scope: string, key: string, token: string): Promise<void> {
    await this.pool.query("DELETE FROM idempotency_records WHERE scope = $1 AND key = $2 AND token = $3 AND state = 'pending'", [
      scope,
      key,
      token,
    ]);
  }

  async purgeExpired(now: Date): Promise<number> {
    const { rowCount } = await this.pool.query('DELETE FROM idempotency_records WHERE expires_at <= $1', [now.getTime()]);
    return rowCount ?? 0;
  }

  ping(): Promise<boolean> {
    return pingPool(this.pool);
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }
}
