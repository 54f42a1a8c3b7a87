import { randomBytes } from 'node:crypto';
import { describeWithPostgres, withClient } from '../support/postgres';
import { startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';

const MAIL = { SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'synpunkt@kommun.example' };

/**
 * With its keys and idempotency records in PostgreSQL (several hosts), an instance that cannot reach the database can
 * neither seal nor take a keyed write: readiness says `down`, and `ok` again once PostgreSQL answers.
 */
describeWithPostgres('readiness with PostgreSQL stores', (serverUrl) => {
  let t: TestApp | undefined;
  const database = `t_ready_${randomBytes(4).toString('hex')}`;
  const admit = (allow: boolean) =>
    withClient(serverUrl, async (c) => {
      await c.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS ${allow}`);
      if (!allow) await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [database]);
    });

  beforeAll(() => withClient(serverUrl, (c) => c.query(`CREATE DATABASE ${database}`)));
  afterAll(async () => {
    await t?.close();
    await withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  });

  const readyUntil = (status: string) =>
    until(
      `/health/ready answering ${status}`,
      async () => {
        const res = await t!.http().get('/health/ready');
        return res.body.status === status ? res : undefined;
      },
      200,
    );
  const checks = async () => {
    const res = await t!
      .http()
      .get('/api/admin/health')
      .set(await t!.as('admin'));
    return Object.fromEntries((res.body.checks as { name: string; status: string }[]).map((c) => [c.name, c.status]));
  };

  it('is down while PostgreSQL refuses connections, and ok once it answers again', async () => {
    const url = new URL(serverUrl);
    url.pathname = `/${database}`;
    t = await startTestApp({ env: { ...MAIL, POSTGRES_URL: url.toString() } });
    await readyUntil('ok');
    expect(await checks()).toMatchObject({ keyStore: 'ok', idempotencyStore: 'ok' });

    await admit(false);
    const down = await readyUntil('down');
    expect(down.status).toBe(503);
    await admit(true);
    await readyUntil('ok');
    expect(await checks()).toMatchObject({ keyStore: 'ok', idempotencyStore: 'ok' });
  });
});
