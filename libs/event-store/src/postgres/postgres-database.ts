import type { Pool, PoolClient } from 'pg';
import { withTimeout } from '@app/core';

/** One schema change of a component's tables; versions count up from 1 and are never edited once released. */
export interface Migration {
  version: number;
  sql: string;
}

/** Every Synpunkt component migrates under this one advisory lock: processes starting together take turns. */
const MIGRATION_LOCK = 7_362_110_001;

/**
 * A small pool on a `postgres://` URL, TLS and all from the URL itself (`sslmode`, `sslrootcert`, …). `pg` is loaded
 * only here, so the embedded default never loads it. A connection that breaks while idle is dropped and reported,
 * never left to crash the process.
 */
export function openPool(url: string, component: string): Pool {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Pool } = require('pg') as typeof import('pg');
  const pool = new Pool({
    connectionString: url,
    application_name: `synpunkt ${component}`,
    max: 4,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
  });
  pool.on('error', (err) => process.emitWarning(`${component}: an idle PostgreSQL connection failed: ${err.message}`));
  return pool;
}

/** How long a readiness probe waits for PostgreSQL before calling it unreachable. */
const PING_TIMEOUT_MS = 2_000;

/** Whether the database answers a trivial query within PING_TIMEOUT_MS; never throws. */
export async function pingPool(pool: Pool): Promise<boolean> {
  const answered = pool.query('SELECT 1').then(
    () => true,
    () => false,
  );
  return withTimeout(answered, PING_TIMEOUT_MS, () => false);
}

/** The URL without its password, for messages. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.username ? `${u.username}@` : ''}${u.host}${u.pathname}`;
  } catch {
    return 'an unparsable URL';
  }
}

/**
 * Brings a component's tables to the newest version at start, recorded in `schema_version`. Refuses a database that a
 * newer release migrated further than this one knows.
 */
export async function migrate(pool: Pool, component: string, migrations: Migration[]): Promise<void> {
  const newest = migrations[migrations.length - 1].version;
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_version (
      component   text PRIMARY KEY,
      version     integer NOT NULL,
      migrated_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_version WHERE component = $1', [component]);
    const current = rows[0]?.version ?? 0;
    if (current > newest) throw new Error(`the ${component} schema is at version ${current}, newer than this release knows (${newest})`);
    for (const step of migrations.filter((m) => m.version > current)) await client.query(step.sql);
    if (current < newest) {
      await client.query(
        `INSERT INTO schema_version (component, version) VALUES ($1, $2)
         ON CONFLICT (component) DO UPDATE SET version = EXCLUDED.version, migrated_at = now()`,
        [component, newest],
      );
    }
  });
}

export async function inTransaction<T>(pool: Pool, run: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await run(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** Opens the pool and migrates, naming the database (never its password) when that fails. */
export async function openDatabase(url: string, component: string, migrations: Migration[]): Promise<Pool> {
  const pool = openPool(url, component);
  try {
    await migrate(pool, component, migrations);
    return pool;
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new Error(`the ${component} at ${describeUrl(url)} could not be opened: ${(err as Error).message}`, { cause: err });
  }
}
