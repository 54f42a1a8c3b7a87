import { DigestScheduler } from '@app/audit';
import { FixedClock } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { startTestApp, TestApp } from '../support/test-app';

/** The running API records a digest of the log once per DIGEST_INTERVAL_HOURS when the log has grown. */
describe('daily log digest', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  afterEach(() => t?.close());

  const digests = async () => (await t.app.get<EventStore>(EVENT_STORE).readStream('audit-digests')).map((e) => e.data);
  const unit = (id: string) => t.unit(id);

  it('records one when the log has grown and the last is older than the interval; it verifies against the log', async () => {
    t = await startTestApp({ clock });
    const scheduler = t.app.get(DigestScheduler);
    expect(await scheduler.tick()).toBeUndefined(); // an empty log
    await unit('d1');
    const first = await scheduler.tick();
    expect(first).toMatchObject({ streams: 1, events: 1 });
    expect(await scheduler.tick()).toBeUndefined(); // nothing new
    await unit('d2');
    clock.set('2026-03-02T20:00:00Z');
    expect(await scheduler.tick()).toBeUndefined(); // grown, but within 24 hours
    clock.set('2026-03-03T09:00:01Z');
    const second = await scheduler.tick();
    expect(second).toMatchObject({ events: 3 }); // two units and the first digest
    expect(await digests()).toEqual([first, second]);
    const auditor = await t.as('auditor');
    const check = await t.http().get(`/api/audit/verify?digest=${second!.digest}&position=${second!.position}`).set(auditor).expect(200);
    expect(check.body).toMatchObject({ ok: true, digest: { matches: true } });
    const events = await t.app.get<EventStore>(EVENT_STORE).readStream('audit-digests');
    expect(events[0].metadata.actor).toMatchObject({ sub: 'system:digest' });
  });

  it('records nothing when turned off', async () => {
    t = await startTestApp({ clock, env: { DIGEST_INTERVAL_HOURS: '0' } });
    await unit('off');
    t.app.get(DigestScheduler).start();
    await new Promise((r) => setTimeout(r, 50));
    expect(await digests()).toEqual([]);
  });
});
