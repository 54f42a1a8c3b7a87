import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { loadConfig } from '@app/platform';
import { tokenFor } from '@app/testing';
import { createApp } from '../../../api/src/create-app';
import { buildProgram } from '../main';

async function run(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ out: string; err: string }> {
  let out = '';
  let err = '';
  await buildProgram({ env, out: (t) => (out += t), err: (t) => (err += t) }, { exitOverride: true }).parseAsync([
    'node',
    'synpunkt',
    ...args,
  ]);
  return { out, err };
}

describe('operator commands: verify, export, import, rebuild, gallring', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'synpunkt-cli-'));
  const env = {
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    GALLRING_RULES: JSON.stringify([{ name: 'Allt stängt', types: ['complaint', 'opinion', 'praise', 'idea'], yearsAfterClosing: 0 }]),
  };

  beforeAll(async () => {
    const app = await createApp({ config: loadConfig(env) });
    await app.init();
    const http = () => request(app.getHttpServer());
    const admin = { Authorization: `Bearer ${await tokenFor('admin')}` };
    await http().post('/api/units').set(admin).send({ id: 'hgb', name: 'Enhet', department: 'D', district: 'S' }).expect(201);
    for (let i = 0; i < 3; i++) {
      const c = await http()
        .post('/api/cases')
        .set(admin)
        .send({ type: 'praise', channel: 'web', unitId: 'hgb', description: `Tack ${i}`, submitter: { name: 'Greta Gallring' } })
        .expect(201);
      if (i < 2) await http().post(`/api/cases/${c.body.id}/close`).set(admin).send({ resolution: 'resolved' }).expect(200);
    }
    await app.close();
  });

  it('verify reports an intact log and its digest', async () => {
    const { out } = await run(env, 'verify');
    const report = JSON.parse(out);
    expect(report).toMatchObject({
      ok: true,
      eventsChecked: expect.any(Number),
      digest: { digest: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    const again = JSON.parse((await run(env, 'verify', '--digest', report.digest.digest)).out);
    expect(again).toMatchObject({ ok: true, digestMatches: true });
  });

  it('export → import into an empty DATA_DIR reproduces the log, hash for hash', async () => {
    const file = join(dataDir, 'export.ndjson');
    await run(env, 'export', '-o', file);
    const target = { ...env, DATA_DIR: mkdtempSync(join(tmpdir(), 'synpunkt-cli-import-')) };
    expect((await run(target, 'import', file)).out).toMatch(/^imported \d+ events/);
    const [source, copy] = [JSON.parse((await run(env, 'verify')).out), JSON.parse((await run(target, 'verify')).out)];
    expect(copy).toMatchObject({ ok: true, eventsChecked: source.eventsChecked });
    expect(copy.digest.digest).toBe(source.digest.digest);
    await expect(run(target, 'import', file)).rejects.toThrow(/not empty/);
  });

  it('rebuilds a projection and refuses an unknown one', async () => {
    expect((await run(env, 'rebuild', 'cases')).out).toMatch(/^rebuilt cases in \d+ ms/);
    await expect(run(env, 'rebuild', 'nope')).rejects.toThrow(/no projection named nope/);
  });

  it('gallring: a dry run counts, a real run erases the closed cases and records the run', async () => {
    expect(JSON.parse((await run(env, 'gallring', '--dry-run')).out)).toEqual([{ rule: 'Allt stängt', due: 2, erased: 0, dryRun: true }]);
    expect(JSON.parse((await run(env, 'gallring')).out)).toEqual([{ rule: 'Allt stängt', due: 2, erased: 2, dryRun: false }]);
    expect(JSON.parse((await run(env, 'gallring', '--dry-run')).out)[0].due).toBe(0);
    const app = await createApp({ config: loadConfig(env) });
    await app.init();
    const auditor = { Authorization: `Bearer ${await tokenFor('auditor')}` };
    const events = await request(app.getHttpServer()).get('/api/audit/events?limit=1000').set(auditor).expect(200);
    const types = events.body.events.map((e: { type: string }) => e.type);
    expect(types.filter((t: string) => t === 'PersonalDataErased.v1')).toHaveLength(2);
    expect(events.body.events.find((e: { type: string }) => e.type === 'GallringPerformed.v1').data).toMatchObject({
      rule: 'Allt stängt',
      count: 2,
    });
    const cases = await request(app.getHttpServer()).get('/api/cases').set(auditor).expect(200);
    const details = await Promise.all(
      cases.body.cases.map((c: { id: string }) => request(app.getHttpServer()).get(`/api/cases/${c.id}`).set(auditor)),
    );
    expect(details.map((d) => JSON.stringify(d.body.description)).sort()).toEqual(['"Tack 2"', '{"erased":true}', '{"erased":true}']);
    await app.close();
    expect(JSON.parse((await run(env, 'verify')).out).ok).toBe(true);
  });
});
