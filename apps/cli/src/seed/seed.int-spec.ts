import { INestApplication } from '@nestjs/common';
import { CommanderError } from 'commander';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { FixedClock } from '@app/core';
import { EVENT_STORE, EventStore, verifyEventLog } from '@app/event-store';
import { loadConfig } from '@app/platform';
import { tokenFor } from '@app/testing';
import { createApp } from '../../../api/src/create-app';
import { buildProgram } from '../main';

const ARGS = ['seed', '--district', 'demo', '--year', '2025', '--seed', '7', '--cases', '120'];

async function run(args: string[], env: NodeJS.ProcessEnv) {
  const io = { out: '', err: '' };
  const program = buildProgram({ env, out: (t) => void (io.out += t), err: (t) => void (io.err += t) }, { exitOverride: true });
  let error: CommanderError | undefined;
  try {
    await program.parseAsync(['node', 'synpunkt', ...args]);
  } catch (err) {
    if (!(err instanceof CommanderError)) throw err;
    error = err;
  }
  return { ...io, error };
}

async function open(dataDir: string) {
  const app: INestApplication = await createApp({
    config: loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
    clock: new FixedClock(new Date('2026-03-02T09:00:00Z')),
  });
  await app.init();
  const auth = { Authorization: `Bearer ${await tokenFor('admin')}` };
  const get = async (path: string) => (await request(app.getHttpServer()).get(path).set(auth).expect(200)).body;
  const cases = async () => (await get('/api/cases?pageSize=500')).cases as Record<string, unknown>[];
  return { app, get, cases, store: app.get<EventStore>(EVENT_STORE) };
}

describe('synpunkt seed --district demo', () => {
  const dirs = [mkdtempSync(join(tmpdir(), 'synpunkt-seed-a-')), mkdtempSync(join(tmpdir(), 'synpunkt-seed-b-'))];
  let first: Awaited<ReturnType<typeof run>>;
  let a: Awaited<ReturnType<typeof open>>;

  beforeAll(async () => {
    first = await run(ARGS, { DATA_DIR: dirs[0] });
    a = await open(dirs[0]);
  }, 60_000);
  afterAll(() => a?.app.close());

  it('prints a summary and the next steps', () => {
    expect(first.error).toBeUndefined();
    expect(first.out).toMatch(/units\s+15 in 3 departments/);
    expect(first.out).toMatch(/cases\s+120 registered/);
    expect(first.out).toMatch(
      /messages\s+\d+ to submitters: \d+ by e-mail \(queued until SMTP_URL is set\), \d+ letters, \d+ recorded only/,
    );
    expect(first.out).toMatch(/npm run --silent token -- --role manager --units \S+/);
    // the server must run on the DATA_DIR the seed filled
    expect(first.out).toContain(`\n  DATA_DIR=${dirs[0]} npm start\n`);
    expect(first.out).toContain('http://localhost:3000/dashboard');
    expect(first.err).toMatch(/seeding: 100%/);
  });

  it('leaves a log that verifies, with units, guarantees, cases and breaches in the expected numbers', async () => {
    expect(await verifyEventLog(a.store)).toMatchObject({ ok: true });
    const units = (await a.get('/api/units')).units as { department: string }[];
    expect(units).toHaveLength(15);
    expect(new Set(units.map((u) => u.department))).toEqual(new Set(['Förskola', 'Social omsorg', 'Äldreomsorg']));
    expect((await a.get('/api/guarantees?year=2025')).guarantees).toHaveLength(15);
    expect(await a.cases()).toHaveLength(120);
    const { totals } = await a.get('/api/reports/yearly?year=2025');
    expect(Object.values(totals.casesByType).every((n) => (n as number) > 0)).toBe(true);
    expect(Object.values(totals.casesByChannel).every((n) => (n as number) > 0)).toBe(true);
    // every case under a category of the list: nothing unmapped, and most categories in use
    const listed = new Set(((await a.get('/api/categories')).categories as { id: string }[]).map((c) => c.id));
    expect(Object.keys(totals.casesByCategory).every((id) => listed.has(id))).toBe(true);
    expect(Object.keys(totals.casesByCategory).length).toBeGreaterThan(5);
    expect(totals.commitments).toBe(57);
    expect(totals.breaches.confirmed).toBeGreaterThan(0);
    expect(totals.breaches.rejected).toBeGreaterThan(0);
    expect(totals.breaches.reported).toBeGreaterThan(totals.breaches.confirmed + totals.breaches.rejected); // some undecided
    expect(totals.remedies.completedOnTime).toBeGreaterThan(0);
    expect(totals.remedies.completed).toBeGreaterThan(totals.remedies.completedOnTime); // some late
    expect(totals.remedies.planned).toBeGreaterThan(totals.remedies.completed); // some still open
    for (const r of [totals.acknowledgedOnTime, totals.respondedOnTime]) expect(0 < r.count && r.count < r.of).toBe(true);
  });

  it('plays every lifecycle through the app, dated in business time as it happened', async () => {
    const events = await a.store.readAll({ raw: true });
    const types = new Set(events.map((e) => e.type));
    for (const t of [
      'ComplainantAsked',
      'CaseResumed',
      'CaseTransferred',
      'CaseMerged',
      'CaseUnmerged',
      'CaseReopened',
      'DelayNoticeSent',
    ]) {
      expect(types).toContain(`${t}.v1`);
    }
    const data = (type: string) => events.filter((e) => e.type === type).map((e) => e.data as Record<string, unknown>);
    expect(new Set(data('CaseClosed.v1').map((d) => d.resolution))).toEqual(new Set(['resolved', 'closed_not_resolved', 'withdrawn']));
    const registered = events.filter((e) => e.type === 'CaseRegistered.v1');
    expect(registered.some((e) => !('submitter' in (e.data as object)))).toBe(true); // anonymous
    expect(registered.filter((e) => 'submitter' in (e.data as object)).every((e) => JSON.stringify(e.data).includes('$enc'))).toBe(true);
    for (const e of registered) {
      const d = e.data as { receivedAt: string; registeredAt: string };
      expect(d.registeredAt).toBe(e.metadata.recordedAt);
      expect(d.receivedAt <= d.registeredAt && d.receivedAt.startsWith('2025')).toBe(true);
    }
    expect(events.every((e) => String(e.metadata.recordedAt) < '2026-03-01')).toBe(true);
    const cases = await a.cases();
    expect(cases.some((c) => c.confidential)).toBe(true);
    expect(cases.some((c) => c.status === 'awaiting_complainant')).toBe(true);
    expect((await a.get('/api/cases?overdue=true')).total).toBeGreaterThan(0);
    expect((await a.get('/api/breaches?overdueRemedies=true')).breaches.length).toBeGreaterThan(0);
  });

  it('fills messages: e-mail, letters (some printed) and recorded ones of every kind; units with contact details', async () => {
    const events = await a.store.readAll({ raw: true });
    const queued = events.filter((e) => e.type === 'MessageQueued.v1').map((e) => e.data as { kind: string; channel: string });
    expect(new Set(queued.map((m) => m.channel))).toEqual(new Set(['email', 'letter', 'none']));
    expect(new Set(queued.map((m) => m.kind))).toEqual(new Set(['receipt', 'question', 'delay_notice', 'response']));
    expect(queued.some((m) => m.kind === 'receipt' && m.channel === 'email')).toBe(true);
    expect(queued.some((m) => m.kind === 'response' && m.channel === 'letter')).toBe(true);
    expect(events.some((e) => e.type === 'MessagePrinted.v1')).toBe(true);
    expect(events.filter((e) => e.type === 'UnitContactSet.v1')).toHaveLength(15);
    expect((await a.get('/api/units/forskolan-solrosen')).contact).toEqual({
      email: 'forskolan-solrosen@stockholm.se',
      phone: '08-508 22 101',
      address: 'Förskolan Solrosen, Box 4006, 129 04 Hägersten',
      receiptText: expect.stringContaining('Förskolan Solrosen'),
    });
  });

  it('gives the same district for the same seed', async () => {
    const second = await run(ARGS, { DATA_DIR: dirs[1] });
    // all but the timing line and the DATA_DIR
    expect(second.out.replace(dirs[1], dirs[0]).split('\n').slice(1)).toEqual(first.out.split('\n').slice(1));
    const b = await open(dirs[1]);
    const shape = (cs: Record<string, unknown>[]) => cs.map((c) => [c.reference, c.type, c.unitId, c.status, c.receivedAt]).sort();
    try {
      expect(shape(await b.cases())).toEqual(shape(await a.cases()));
      expect((await b.get('/api/reports/yearly?year=2025')).totals).toEqual((await a.get('/api/reports/yearly?year=2025')).totals);
    } finally {
      await b.app.close();
    }
  }, 60_000);

  it('refuses a store in use, a store that holds events, another district and a production identity provider', async () => {
    // the app opened in beforeAll still runs on it
    await expect(run(ARGS, { DATA_DIR: dirs[0] })).rejects.toThrow(
      /the Synpunkt API is running on this DATA_DIR \(pid \d+ on [^)]+\), and this command would race it: seed with the server stopped/,
    );
    await a.app.close();
    const again = await run(ARGS, { DATA_DIR: dirs[0] });
    expect(again.error?.exitCode).toBe(2);
    expect(again.err).toMatch(/already holds events.*--force/);
    const other = await run(['seed', '--district', 'gotland'], { DATA_DIR: dirs[0] });
    expect(other.error?.exitCode).toBe(2);
    expect(other.err).toMatch(/only one for now is: demo/);
    const prod = await run(ARGS, { DATA_DIR: dirs[0], AUTH_JWKS_URL: 'https://idp.example/jwks', AUTH_ISSUER: 'i', AUTH_AUDIENCE: 'a' });
    expect(prod.error?.exitCode).toBe(2);
    expect(prod.err).toMatch(/refusing to seed: AUTH_JWKS_URL/);
    expect((await run(['seed', '--year', '2999'], {})).error?.exitCode).toBe(1);
  });
});
