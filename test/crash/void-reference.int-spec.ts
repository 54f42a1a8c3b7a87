import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReferenceVoidScheduler } from '@app/cases';
import { FixedClock } from '@app/core';
import { startTestApp } from '../support/test-app';

const REGISTER = join(__dirname, '../support/register.js');
const WORKER = join(__dirname, 'registration-worker.ts');
const T0 = new Date('2026-03-02T09:00:00Z');

/** Runs a registration in a child process and SIGKILLs it between its two appends; resolves with the number it took. */
function registrationKilledHalfway(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', REGISTER, WORKER, path, T0.toISOString()], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^TAKEN (\S+)\n/.exec(out);
      if (!m) return;
      child.removeAllListeners('exit');
      child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(m[1]) : reject(new Error(`exited with ${signal}`))));
      child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`the worker exited (${code}) before it took a number:\n${err}`)));
  });
}

describe('a registration killed between taking its number and appending its case', () => {
  it('leaves a number that the next start records as void, so the series has no unexplained gap', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'synpunkt-void-'));
    const taken = await registrationKilledHalfway(join(dataDir, 'events.sqlite'));
    expect(taken).toBe('2026-000001');

    // The next start, a quarter of an hour later: past REFERENCE_VOID_AFTER (10 minutes by default).
    const clock = new FixedClock(new Date(T0.getTime() + 15 * 60_000));
    const t = await startTestApp({ dataDir, clock });
    try {
      const admin = await t.as('admin');
      await t.unit('hgb');
      const { body: c } = await t
        .http()
        .post('/api/cases')
        .set(admin)
        .send({ type: 'idea', channel: 'web', unitId: 'hgb', receivedAt: T0.toISOString(), description: 'Fler bänkar.' })
        .expect(201);
      expect(c.reference).toBe('2026-000002');
      const series = async () => (await t.http().get('/api/audit/references?year=2026').set(admin).expect(200)).body;
      expect(await series()).toMatchObject({ taken: 2, cases: 1, voids: 0, unexplained: 1 });
      const verify = async () => (await t.http().get('/api/audit/verify').set(admin).expect(200)).body;
      expect(await verify()).toMatchObject({ ok: true, references: [{ year: 2026, taken: 2, voids: [], unexplained: ['2026-000001'] }] });

      t.app.get(ReferenceVoidScheduler).start();
      let found = await series();
      for (let i = 0; i < 200 && found.voids === 0; i++) {
        await new Promise((r) => setTimeout(r, 10));
        found = await series();
      }
      expect(found).toMatchObject({ taken: 2, cases: 1, voids: 1, pending: 0, unexplained: 0 });
      expect(found.numbers).toEqual([
        expect.objectContaining({
          number: 1,
          reference: '2026-000001',
          status: 'void',
          void: { reason: 'registration did not complete', foundAt: clock.now().toISOString() },
        }),
        expect.objectContaining({ number: 2, reference: '2026-000002', status: 'case', caseId: c.id }),
      ]);
      expect(await verify()).toMatchObject({
        ok: true,
        references: [
          { year: 2026, taken: 2, voids: [{ reference: '2026-000001', reason: 'registration did not complete' }], unexplained: [] },
        ],
      });
      // Another run finds nothing new: a number is voided once.
      expect(await t.app.get(ReferenceVoidScheduler).tick()).toEqual([]);
      await t
        .http()
        .get('/api/audit/references?year=2026')
        .set(await t.as('manager'))
        .expect(403);
      await t.http().get('/api/audit/references?year=twenty').set(admin).expect(400);
    } finally {
      await t.close();
    }
  });
});
