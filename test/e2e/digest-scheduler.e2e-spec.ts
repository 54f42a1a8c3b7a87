import { Logger } from '@nestjs/common';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkSignature, DigestScheduler, keyIdOf } from '@app/audit';
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

  it('records one digest per interval when instances tick at once: the later append conflicts and is skipped', async () => {
    t = await startTestApp({ clock });
    await unit('r1');
    const scheduler = t.app.get(DigestScheduler);
    const results = await Promise.all([scheduler.tick(), scheduler.tick(), scheduler.tick()]);
    expect(results.filter((d) => d !== undefined)).toHaveLength(1);
    expect(await digests()).toHaveLength(1);
  });

  it('signs each digest with DIGEST_SIGNING_KEY_FILE, over what it says and when it was taken', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const file = join(mkdtempSync(join(tmpdir(), 'synpunkt-digest-key-')), 'signing.pem');
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    t = await startTestApp({ clock: new FixedClock(new Date('2026-03-04T09:00:00Z')), env: { DIGEST_SIGNING_KEY_FILE: file } });
    await unit('s1');
    const digest = await t.app.get(DigestScheduler).tick();
    expect(digest).toMatchObject({ events: 1, takenAt: '2026-03-04T09:00:00.000Z', keyId: keyIdOf(publicKey) });
    expect(checkSignature(digest!, publicKey)).toBe('valid');
    const latest = await t
      .http()
      .get('/api/audit/digests/latest')
      .set(await t.as('auditor'))
      .expect(200);
    expect(latest.body).toMatchObject({ signature: digest!.signature, keyId: digest!.keyId });
  });

  it('says at start that digests are unsigned when no key is configured', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      t = await startTestApp({ clock, env: { DIGEST_INTERVAL_HOURS: '0' } });
      t.app.get(DigestScheduler).start();
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/UNSIGNED.*DIGEST_SIGNING_KEY_FILE/s));
    } finally {
      warn.mockRestore();
    }
  });

  it('records nothing when turned off', async () => {
    t = await startTestApp({ clock, env: { DIGEST_INTERVAL_HOURS: '0' } });
    await unit('off');
    t.app.get(DigestScheduler).start();
    await new Promise((r) => setTimeout(r, 50));
    expect(await digests()).toEqual([]);
  });
});
