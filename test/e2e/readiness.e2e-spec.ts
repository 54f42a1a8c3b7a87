import { FixedClock } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ProjectionsHost } from '@app/platform';
import { startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';

interface Check {
  name: string;
  status: string;
  detail?: { projections?: { name: string; state: string; error?: string; failedEvent?: { streamId: string } }[] };
}

/** Mail configured (nothing is sent here), so that a healthy instance is `ok`: without SMTP_URL the outbox is `degraded`. */
const MAIL = { SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'synpunkt@kommun.example' };

/** The readiness contract: anonymous callers learn `{status, lagSeconds}` and nothing else; admins get the detail. */
describe('readiness', () => {
  let t: TestApp;
  afterEach(() => t?.close());

  /** Polls (bounded) until the probe answers with this status. */
  const readyUntil = (status: string) =>
    until(
      `/health/ready answering ${status}`,
      async () => {
        const res = await t.http().get('/health/ready');
        return res.body.status === status ? res : undefined;
      },
      200,
    );
  const adminHealth = async () =>
    (
      await t
        .http()
        .get('/api/admin/health')
        .set(await t.as('admin'))
        .expect(200)
    ).body;
  const check = (body: { checks: Check[] }, name: string) => body.checks.find((c) => c.name === name)!;

  it('answers 200 ok with exactly status and lagSeconds when healthy; the admin report names each part', async () => {
    t = await startTestApp({ env: MAIL });
    const res = await readyUntil('ok');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', lagSeconds: 0 });
    const report = await adminHealth();
    expect(report).toMatchObject({ status: 'ok', lagSeconds: 0 });
    expect(check(report, 'eventStore')).toMatchObject({ status: 'ok', detail: { kind: 'sqlite' } });
    expect(check(report, 'projections').detail!.projections).toContainEqual(
      expect.objectContaining({ name: 'units', state: 'live', status: 'ok', lagSeconds: 0 }),
    );
  });

  it('keeps the detail from everyone but admins', async () => {
    t = await startTestApp({ env: MAIL });
    await t.http().get('/api/admin/health').expect(401);
    for (const role of ['intake', 'manager', 'auditor'] as const) {
      await t
        .http()
        .get('/api/admin/health')
        .set(await t.as(role))
        .expect(403);
    }
  });

  it('answers 503 down without error text or ids when a projection failed; the admin report has them', async () => {
    t = await startTestApp({ env: MAIL });
    await readyUntil('ok');
    // An event no handler can apply (a unit without a name), written behind the API's back.
    await t.app
      .get<EventStore>(EVENT_STORE)
      .append('unit-broken', [{ type: 'UnitRegistered.v1', data: { unitId: 'broken' }, metadata: {} }]);
    const res = await readyUntil('down');
    expect(res.status).toBe(503);
    expect(Object.keys(res.body).sort()).toEqual(['lagSeconds', 'status']);
    expect(res.body.lagSeconds).toEqual(expect.any(Number));
    expect(res.text).not.toMatch(/NOT NULL|broken|units|failed/i);

    const report = await adminHealth();
    expect(report.status).toBe('down');
    expect(check(report, 'projections')).toMatchObject({ status: 'down', reason: expect.stringMatching(/units: failed/) });
    expect(check(report, 'projections').detail!.projections).toContainEqual(
      expect.objectContaining({
        name: 'units',
        state: 'failed',
        error: expect.stringMatching(/NOT NULL/),
        failedEvent: expect.objectContaining({ streamId: 'unit-broken' }),
      }),
    );
  });

  it('is degraded (200) while the read side is held, with the lag in seconds of record time', async () => {
    const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
    t = await startTestApp({ clock, env: MAIL });
    await t.unit('first');
    await readyUntil('ok');
    await t.app.get(ProjectionsHost).runner.stop();
    clock.advance(90_000);
    await t.unit('later');
    const res = await t.http().get('/health/ready').expect(200);
    expect(res.body).toEqual({ status: 'degraded', lagSeconds: 90 });
    const units = check(await adminHealth(), 'projections').detail!.projections!.find((p) => p.name === 'units');
    expect(units).toMatchObject({ state: 'stopped', status: 'degraded', lagSeconds: 90 });
  });

  it('is down (503) when a projection is further behind the log than READY_MAX_LAG seconds of record time', async () => {
    const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
    t = await startTestApp({ clock, env: { ...MAIL, READY_MAX_LAG: '60' } });
    await t.unit('first');
    await readyUntil('ok');
    await t.app.get(ProjectionsHost).runner.stop();
    clock.advance(61_000);
    await t.unit('lag');
    const res = await t.http().get('/health/ready').expect(503);
    expect(Object.keys(res.body).sort()).toEqual(['lagSeconds', 'status']);
    expect(res.body.status).toBe('down');
    const report = await adminHealth();
    expect(check(report, 'projections')).toMatchObject({ status: 'down', reason: expect.stringMatching(/READY_MAX_LAG/) });
  });
});
