import Database from 'better-sqlite3';
import { join } from 'node:path';
import { FixedClock } from '@app/core';
import { filesContaining } from '@app/testing';
import { runCli } from '../../apps/cli/test/run-cli';
import { guaranteeDraft, startTestApp, TestApp } from '../support/test-app';

type H = { Authorization: string };
const NAME = 'Zlatan Idempotensson';
const TEXT = 'Bussen från förskolan kom aldrig fram';
const SECRET = 'Hemlig uppgift om barnet Sigvard';

/** The record keeps what a request created, never its answer: a replay reads the resource as the caller may see it now. */
describe('Idempotency-Key replays read the resource again', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  let admin: H, intake: H, manager: H;
  let closed = false;

  const register = (key: string, over: object = {}) =>
    t
      .http()
      .post('/api/cases')
      .set(intake)
      .set('Idempotency-Key', key)
      .send({ type: 'complaint', channel: 'letter', unitId: 'idem', description: TEXT, submitter: { name: NAME }, ...over });

  beforeAll(async () => {
    t = await startTestApp({ clock });
    [admin, intake, manager] = [await t.as('admin'), await t.as('intake'), await t.as('manager', ['idem'])];
    await t.unit('idem');
  });
  afterAll(() => (closed ? undefined : t.close()));

  it('answers a retried registration with the same case, marked as replayed, with the first write’s position', async () => {
    const first = await register('reg-1').expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await register('reg-1').expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect(again.body).toEqual(first.body);
    expect(again.headers['x-event-position']).toBe(first.headers['x-event-position']);
    expect(again.headers.etag).toBe('"0"');
  });

  it('refuses the key with another body (422) and keeps keys apart per caller', async () => {
    const first = await register('reg-2').expect(201);
    const other = await register('reg-2', { description: 'Något annat' }).expect(422);
    expect(other.body.code).toBe('idempotency_key_reused');
    const byAdmin = await t
      .http()
      .post('/api/cases')
      .set(admin)
      .set('Idempotency-Key', 'reg-2')
      .send({ type: 'praise', channel: 'web', unitId: 'idem', description: 'Tack' })
      .expect(201);
    expect(byAdmin.body.id).not.toBe(first.body.id);
  });

  it('shows the case as it is now, with its current revision as ETag', async () => {
    const first = await register('reg-3').expect(201);
    await t.http().post(`/api/cases/${first.body.id}/acknowledge`).set(manager).send({}).expect(200);
    const again = await register('reg-3').expect(201);
    expect(again.body).toMatchObject({ id: first.body.id, status: 'acknowledged' });
    expect(again.headers.etag).toBe('"2"'); // acknowledged, and its receipt queued
  });

  it('never carries a confidential case’s text or submitter', async () => {
    const first = await register('reg-secret', { description: SECRET, confidential: true }).expect(201);
    const again = await register('reg-secret', { description: SECRET, confidential: true }).expect(201);
    expect(again.body).toMatchObject({ id: first.body.id, confidential: true, contentWithheld: true });
    expect(again.body.description).toBeUndefined();
    expect(again.body.submitter).toBeUndefined();
    expect(again.text).not.toContain(SECRET);
    expect(again.text).not.toContain(NAME);
  });

  it('shows an erased case as erased', async () => {
    const first = await register('reg-erase').expect(201);
    await t.http().post(`/api/cases/${first.body.id}/erase-personal-data`).set(admin).send({ reason: 'GDPR art. 17' }).expect(200);
    const again = await register('reg-erase').expect(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.description).toEqual({ erased: true });
    expect(again.body.submitter).toEqual({ erased: true });
    expect(again.text).not.toContain(NAME);
  });

  it('answers a retried Open311 filing as the filing did', async () => {
    const key = (await runCli({ DATA_DIR: t.dataDir, LOG_LEVEL: 'silent' }, 'open311-key', 'create', '--name', 'E-tjänst')).out;
    const file = () =>
      t
        .http()
        .post('/open311/v2/requests.json')
        .set('Idempotency-Key', 'o311-1')
        .type('form')
        .send(`api_key=${key.trim()}&service_code=idem.complaint&description=${encodeURIComponent(TEXT)}&first_name=Zlatan`);
    const first = await file().expect(201);
    const again = await file().expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(again.body[0].service_request_id).toMatch(/^2026-\d{6}$/);
  });

  it('keeps Open311 clients apart: one Idempotency-Key used by two clients files twice', async () => {
    const issue = async (name: string) =>
      (await runCli({ DATA_DIR: t.dataDir, LOG_LEVEL: 'silent' }, 'open311-key', 'create', '--name', name)).out.trim();
    const [first, second] = [await issue('Klient A'), await issue('Klient B')];
    const file = (key: string, description: string) =>
      t
        .http()
        .post('/open311/v2/requests.json')
        .set('Idempotency-Key', 'o311-shared')
        .type('form')
        .send(`api_key=${key}&service_code=idem.opinion&description=${encodeURIComponent(description)}`);
    const byFirst = await file(first, 'Gungan är trasig').expect(201);
    const bySecond = await file(second, 'Sandlådan behöver ny sand').expect(201);
    expect(bySecond.headers['idempotent-replayed']).toBeUndefined();
    expect(bySecond.body[0].service_request_id).not.toBe(byFirst.body[0].service_request_id);
    const again = await file(first, 'Gungan är trasig').expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(byFirst.body);
  });

  it('answers a retried guarantee draft, breach report and remedy plan with the same resource, as it is now', async () => {
    const once = (path: string, key: string, body: object) => t.http().post(path).set(manager).set('Idempotency-Key', key).send(body);
    const draft = guaranteeDraft('idem', { contact: { name: 'Anna Svensson' } });
    const drafted = await once('/api/guarantees', 'g-1', draft).expect(201);
    await t
      .http()
      .post(`/api/guarantees/${drafted.body.id}/adopt`)
      .set(admin)
      .send({ decidedOn: '2026-01-09', decisionRef: '§ 7' })
      .expect(200);
    const redrafted = await once('/api/guarantees', 'g-1', draft).expect(201);
    expect(redrafted.body).toMatchObject({ id: drafted.body.id, status: 'adopted' });
    expect(redrafted.headers.etag).toBe('"1"');

    const report = {
      guaranteeId: drafted.body.id,
      commitmentId: 'svar',
      occurredAt: '2026-02-20T10:00:00+01:00',
      description: 'Sent svar',
    };
    const breach = await once('/api/breaches', 'b-1', report).expect(201);
    expect((await once('/api/breaches', 'b-1', report).expect(201)).body).toEqual(breach.body);
    await t.http().post(`/api/breaches/${breach.body.id}/confirm`).set(manager).send({}).expect(200);

    const plan = { action: 'Ringer upp', responsible: 'Anna Svensson', dueOn: '2026-03-10' };
    const remedies = `/api/breaches/${breach.body.id}/remedies`;
    const planned = await once(remedies, 'r-1', plan).expect(201);
    const replanned = await once(remedies, 'r-1', plan).expect(201);
    expect(replanned.headers['idempotent-replayed']).toBe('true');
    expect(replanned.body).toEqual(planned.body);
    const current = await t.http().get(`/api/breaches/${breach.body.id}`).set(manager).expect(200);
    expect(current.body.remedies).toHaveLength(1);
    expect(replanned.headers.etag).toBe(current.headers.etag);
  });

  it('leaves no byte of what was sent in the idempotency store', async () => {
    await t.close(); // folds the WAL into the file
    closed = true;
    const stored = (text: string) => filesContaining(t.dataDir, text).filter((p) => p.includes('idempotency'));
    for (const text of [NAME, TEXT, SECRET, 'Zlatan']) expect(stored(text)).toEqual([]);
  });
});

describe('expired idempotency records', () => {
  const rows = (dataDir: string) => {
    const db = new Database(join(dataDir, 'idempotency.sqlite'), { readonly: true });
    const n = db.prepare('SELECT COUNT(*) FROM idempotency_records').pluck().get();
    db.close();
    return n;
  };

  it('are deleted when the app starts after their time to live', async () => {
    const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
    const first = await startTestApp({ clock, env: { IDEMPOTENCY_TTL_HOURS: '2' } });
    const unit = { id: 'exp', name: 'Enhet', department: 'Förskola', district: 'D' };
    await first
      .http()
      .post('/api/units')
      .set(await first.as('admin'))
      .set('Idempotency-Key', 'u-1')
      .send(unit)
      .expect(201);
    await first.close();
    expect(rows(first.dataDir)).toBe(1);

    clock.advance(2 * 3_600_000 - 1);
    const second = await startTestApp({ clock, dataDir: first.dataDir, env: { IDEMPOTENCY_TTL_HOURS: '2' } });
    expect(rows(first.dataDir)).toBe(1);
    await second.close();
    clock.advance(1);
    const third = await startTestApp({ clock, dataDir: first.dataDir, env: { IDEMPOTENCY_TTL_HOURS: '2' } });
    expect(rows(first.dataDir)).toBe(0);
    await third.close();
  });
});
