import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * The PostgreSQL the tests run against: TEST_POSTGRES_URL, which `.ci/run` sets after starting a real server
 * (`bash test/support/postgres.sh` does the same on a developer's machine). Without it the PostgreSQL suites are
 * skipped with a note, except under CI=true, where a missing server is a failure.
 */
export function testPostgresUrl(suite: string): string | undefined {
  const url = process.env.TEST_POSTGRES_URL?.trim();
  if (url) return url;
  if (process.env.CI === 'true') {
    throw new Error(`${suite}: CI=true but TEST_POSTGRES_URL is not set; .ci/run starts PostgreSQL (test/support/postgres.sh) and sets it`);
  }
  console.warn(`${suite}: skipped, no PostgreSQL. Start one and run again: export TEST_POSTGRES_URL="$(bash test/support/postgres.sh)"`);
  return undefined;
}

/** `describe`, or `describe.skip` (reported as skipped) when no PostgreSQL is configured outside CI. */
export function describeWithPostgres(name: string, body: (url: string) => void): void {
  const url = testPostgresUrl(name);
  if (url) describe(name, () => body(url));
  else describe.skip(name, () => it('needs PostgreSQL (TEST_POSTGRES_URL)', () => undefined));
}

export interface TestSchema {
  /** The server's URL with this schema first on the search path (through the URL's `options`), as an app would get it. */
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty schema for one test, so tests never see each other's rows or schema versions. */
export async function freshSchema(serverUrl: string): Promise<TestSchema> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await withClient(serverUrl, (c) => c.query(`CREATE SCHEMA ${schema}`));
  const url = new URL(serverUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    drop: () => withClient(serverUrl, (c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)).then(() => undefined),
  };
}

export async function withClient<T>(url: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
