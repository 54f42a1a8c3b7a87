import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { Clock, systemClock } from '@app/core';
import { Migration, openDatabase, pingPool } from '../postgres/postgres-database';
import { DATA_KEY_BYTES, KeyStore, ShredReceipt, SubjectKey, subjectList } from './key-store';

export interface PostgresKeyStoreOptions {
  /** `postgres://user:password@host:5432/db?sslmode=verify-full&sslrootcert=/etc/synpunkt/pg-ca.crt` */
  url: string;
  clock?: Clock;
}

/**
 * One row per subject, never deleted: a shred nulls the key and stamps `shredded_at`, and the row stays as the
 * tombstone. So `INSERT … ON CONFLICT DO NOTHING` can never make a new key for a shredded subject, however a shred
 * and a first seal race: the tombstone row is the conflict. Autovacuum visits the table after every shred, so the
 * row version that still held the key is pruned soon (PostgreSQL does not overwrite a row in place).
 */
const MIGRATIONS: Migration[] = [
  {
    version: 1,
    sql: `CREATE TABLE data_keys (
      subject     text PRIMARY KEY CHECK (subject <> ''),
      key         bytea CHECK (length(key) = ${DATA_KEY_BYTES}),
      created_at  timestamptz,
      shredded_at timestamptz,
      CHECK ((key IS NULL) = (shredded_at IS NOT NULL))
    ) WITH (autovacuum_vacuum_threshold = 0, autovacuum_vacuum_scale_factor = 0)`,
  },
];

interface Row {
  subject: string;
  key: Buffer | null;
  shredded_at: Date | null;
}

/** Lists longer than this are looked up in several queries (a read of the whole log names every case). */
const LOOKUP_CHUNK = 5000;

/**
 * Per-subject data keys in PostgreSQL (KEY_STORE_URL or POSTGRES_URL): the adapter for API instances on several hosts,
 * which must share one set of keys, so that what one host sealed the others open and an erasure holds everywhere.
 */
export class PostgresKeyStore extends KeyStore {
  private constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
  ) {
    super();
  }

  /** Connects and migrates the schema; fails at start, not at the first case, when the database cannot be used. */
  static async open(options: PostgresKeyStoreOptions): Promise<PostgresKeyStore> {
    const pool = await openDatabase(options.url, 'key store', MIGRATIONS);
    return new PostgresKeyStore(pool, options.clock ?? systemClock);
  }

  async lookup(subjects: Iterable<string>): Promise<Map<string, SubjectKey>> {
    const list = subjectList(subjects);
    const found = new Map<string, SubjectKey>();
    for (let i = 0; i < list.length; i += LOOKUP_CHUNK) {
      const { rows } = await this.pool.query<Row>('SELECT subject, key, shredded_at FROM data_keys WHERE subject = ANY($1::text[])', [
        list.slice(i, i + LOOKUP_CHUNK),
      ]);
      for (const row of rows) found.set(row.subject, entryOf(row));
    }
    return found;
  }

  /**
   * One statement reads the rows there are and inserts a key for every subject without one (sorted, so two batches
   * never wait on each other in a circle): existing and new keys cost one round trip. A row another process inserted
   * after the statement's snapshot is neither read nor inserted (ON CONFLICT): those few are read after.
   */
  async ensure(subjects: Iterable<string>): Promise<Map<string, SubjectKey>> {
    const list = subjectList(subjects).sort();
    const found = new Map<string, SubjectKey>();
    for (let i = 0; i < list.length; i += LOOKUP_CHUNK) {
      const chunk = list.slice(i, i + LOOKUP_CHUNK);
      const { rows } = await this.pool.query<Row>(
        `WITH wanted AS (SELECT * FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS w(subject, key, n)),
         held AS (SELECT d.subject, d.key, d.shredded_at FROM data_keys d JOIN wanted USING (subject)),
         made AS (
           INSERT INTO data_keys (subject, key, created_at)
           SELECT subject, key, $3::timestamptz FROM wanted WHERE subject NOT IN (SELECT subject FROM held) ORDER BY n
           ON CONFLICT (subject) DO NOTHING
           RETURNING subject, key, shredded_at)
         SELECT subject, key, shredded_at FROM held UNION ALL SELECT subject, key, shredded_at FROM made`,
        [chunk, chunk.map(() => randomBytes(DATA_KEY_BYTES)), this.clock.now().toISOString()],
      );
      for (const row of rows) found.set(row.subject, entryOf(row));
    }
    const raced = list.filter((s) => !found.has(s));
    if (raced.length) for (const [subject, entry] of await this.lookup(raced)) found.set(subject, entry);
    return found;
  }

  async shred(subject: string): Promise<ShredReceipt> {
    subjectList([subject]);
    const { rows } = await this.pool.query<{ shredded_at: Date }>(
      `INSERT INTO data_keys (subject, shredded_at) VALUES ($1, $2::timestamptz)
       ON CONFLICT (subject) DO UPDATE SET key = NULL, shredded_at = COALESCE(data_keys.shredded_at, EXCLUDED.shredded_at)
       RETURNING shredded_at`,
      [subject, this.clock.now().toISOString()],
    );
    return { subject, shreddedAt: rows[0].shredded_at.toISOString() };
  }

  ping(): Promise<boolean> {
    return pingPool(this.pool);
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }
}

function entryOf(row: Row): SubjectKey {
  return row.key ? { key: row.key } : { shreddedAt: row.shredded_at!.toISOString() };
}
