import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock, RecordedEvent } from '@app/core';
import { EVENT_STORE, EventStore, SqliteEventStore, verifyEventLog } from '@app/event-store';
import { startTestApp, TestApp } from '../support/test-app';

type H = { Authorization: string };
const NAME = 'Zlatan Öberg-Xyzzy';

describe('audit, replay and data protection over HTTP', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  let admin: H, auditor: H, intake: H, manager: H;
  let caseId: string;
  let confidentialId: string;
  let beforeResponse: string;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    [admin, auditor, intake, manager] = [await t.as('admin'), await t.as('auditor'), await t.as('intake'), await t.as('manager', ['hgb'])];
    await t
      .http()
      .post('/api/units')
      .set(admin)
      .send({ id: 'hgb', name: 'Hägerstens gruppbostäder', department: 'Social omsorg', district: 'HL' })
      .expect(201);
    const c = await t
      .http()
      .post('/api/cases')
      .set(intake)
      .send({
        type: 'complaint',
        channel: 'letter',
        unitId: 'hgb',
        description: `Brev från ${NAME} om maten`,
        submitter: { name: NAME, email: 'zlatan@example.se' },
      })
      .expect(201);
    caseId = c.body.id;
    clock.set('2026-03-03T09:00:00Z');
    beforeResponse = clock.now().toISOString();
    clock.set('2026-03-04T09:00:00Z');
    await t
      .http()
      .post(`/api/cases/${caseId}/respond`)
      .set(manager)
      .send({ message: `Hej ${NAME}, vi har pratat med köket.`, outcome: 'justified' })
      .expect(200);
    const conf = await t
      .http()
      .post('/api/cases')
      .set(intake)
      .send({ type: 'opinion', channel: 'phone', unitId: 'hgb', description: 'Känsligt', confidential: true })
      .expect(201);
    confidentialId = conf.body.id;
  });
  afterAll(() => t.close());

  it('pages through the events with their metadata, and reads one stream', async () => {
    const first = await t.http().get('/api/audit/events?limit=2').set(auditor).expect(200);
    expect(first.body.events).toHaveLength(2);
    expect(first.body.events[0]).toMatchObject({
      position: 1,
      revision: 0,
      type: 'UnitRegistered.v1',
      metadata: { actor: { sub: expect.any(String) }, correlationId: expect.any(String), recordedAt: expect.any(String) },
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const next = await t.http().get(`/api/audit/events?fromPosition=${first.body.nextPosition}&limit=1000`).set(auditor).expect(200);
    expect(next.body.events[0].position).toBe(first.body.nextPosition);
    const typed = await t.http().get('/api/audit/events?type=CaseResponded.v1').set(auditor).expect(200);
    expect(typed.body.events.map((e: { streamId: string }) => e.streamId)).toEqual([`case-${caseId}`]);
    const stream = await t.http().get(`/api/audit/streams/case-${caseId}`).set(admin).expect(200);
    expect(stream.body.events.map((e: { type: string }) => e.type)).toEqual([
      'CaseRegistered.v1',
      'CaseAcknowledged.v1',
      'CaseResponded.v1',
    ]);
    await t.http().get('/api/audit/events').set(manager).expect(403);
    await t.http().get('/api/audit/events').set(intake).expect(403);
  });

  it('shows a case as it stood at a past record-time instant', async () => {
    const past = await t.http().get(`/api/audit/cases/${caseId}?asOf=${beforeResponse}`).set(auditor).expect(200);
    expect(past.body.case).toMatchObject({ status: 'received', reference: expect.any(String) });
    expect(past.body.case.respondedAt).toBeUndefined();
    const now = await t.http().get(`/api/audit/cases/${caseId}`).set(auditor).expect(200);
    expect(now.body.case.status).toBe('responded');
    await t.http().get(`/api/audit/cases/${caseId}?asOf=2020-01-01T00:00:00Z`).set(auditor).expect(404);
  });

  it('verifies the log and a recorded digest', async () => {
    expect((await t.http().get('/api/audit/verify').set(auditor).expect(200)).body).toMatchObject({
      ok: true,
      eventsChecked: expect.any(Number),
    });
    const digest = await t.http().post('/api/audit/digests').set(admin).expect(201);
    const ok = await t
      .http()
      .get(`/api/audit/verify?digest=${digest.body.digest}&position=${digest.body.position}`)
      .set(auditor)
      .expect(200);
    expect(ok.body).toMatchObject({ ok: true, digest: { matches: true } });
    const wrong = await t
      .http()
      .get(`/api/audit/verify?digest=${'0'.repeat(64)}`)
      .set(auditor)
      .expect(200);
    expect(wrong.body).toMatchObject({ ok: false, digest: { matches: false } });
    expect((await t.http().get('/api/audit/digests/latest').set(auditor).expect(200)).body.digest).toBe(digest.body.digest);
  });

  it('logs every disclosure of a confidential case and lets auditors list them', async () => {
    await t.http().get(`/api/cases/${confidentialId}`).set(manager).expect(200);
    await t.http().get(`/api/cases/${confidentialId}`).set(intake).expect(200); // sees no text: not a disclosure
    const list = await t.http().get('/api/audit/disclosures').set(auditor).expect(200);
    expect(list.body.disclosures).toEqual([
      expect.objectContaining({ caseId: confidentialId, reader: expect.objectContaining({ sub: expect.stringMatching(/manager/) }) }),
    ]);
  });

  it('exports NDJSON with personal data sealed, and an import into an empty store reproduces revisions and hashes', async () => {
    const res = await t
      .http()
      .get('/api/audit/export')
      .set(admin)
      .buffer(true)
      .parse((r, cb) => {
        let text = '';
        r.on('data', (c: Buffer) => (text += c.toString()));
        r.on('end', () => cb(null, text));
      })
      .expect(200);
    expect(res.headers['content-type']).toMatch(/application\/x-ndjson/);
    const lines = (res.body as string)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(res.body as string).not.toContain(NAME);
    const target = new SqliteEventStore({ path: join(mkdtempSync(join(tmpdir(), 'synpunkt-import-')), 'events.sqlite') });
    const events = lines.map((l): RecordedEvent => ({ ...l, revision: BigInt(l.revision), position: BigInt(l.position) }));
    expect(await target.importEvents(events)).toBe(lines.length);
    const imported = await target.readAll({ raw: true });
    expect(imported.map((e) => [e.streamId, e.revision, e.hash])).toEqual(events.map((e) => [e.streamId, e.revision, e.hash]));
    expect(await verifyEventLog(target, { heads: () => target.streamHeads() })).toMatchObject({ ok: true, eventsChecked: lines.length });
    await expect(target.importEvents([events[0]])).rejects.toThrow();
    await target.close();
    const resumed = await t.http().get(`/api/audit/export?fromPosition=${lines[3].position}`).set(admin).expect(200);
    expect(JSON.parse(resumed.text.split('\n')[0]).position).toBe(lines[3].position);
  });

  it('erases a case’s personal data: reads, history and replays show it erased, no plaintext is left on disk, statistics stay', async () => {
    const before = await t.http().get('/api/reports/yearly?year=2026').set(admin).expect(200);
    await t.http().post(`/api/cases/${caseId}/erase-personal-data`).set(manager).send({ reason: 'x' }).expect(403);
    const erased = await t
      .http()
      .post(`/api/cases/${caseId}/erase-personal-data`)
      .set(admin)
      .send({ reason: 'Begäran enligt GDPR art. 17' })
      .expect(200);
    expect(erased.body).toMatchObject({ description: { erased: true }, submitter: { erased: true } });
    expect((await t.http().get(`/api/cases/${caseId}`).set(admin).expect(200)).body).toMatchObject({
      description: { erased: true },
      submitter: { erased: true },
      status: 'responded',
    });
    const replay = await t.http().get(`/api/audit/cases/${caseId}?asOf=${beforeResponse}`).set(auditor).expect(200);
    expect(replay.body.case.description).toEqual({ erased: true });
    const stream = await t.http().get(`/api/audit/streams/case-${caseId}`).set(auditor).expect(200);
    expect(JSON.stringify(stream.body)).not.toContain(NAME);
    expect(stream.body.events.at(-1)).toMatchObject({
      type: 'PersonalDataErased.v1',
      data: { reason: 'Begäran enligt GDPR art. 17' },
      metadata: { actor: { sub: expect.stringMatching(/admin/) } },
    });
    expect((await t.http().get('/api/audit/verify').set(auditor).expect(200)).body.ok).toBe(true);
    await t.http().post(`/api/cases/${caseId}/erase-personal-data`).set(admin).send({ reason: 'igen' }).expect(409);
    const after = await t.http().get('/api/reports/yearly?year=2026').set(admin).expect(200);
    expect(after.body.totals).toEqual(before.body.totals);

    const store = t.app.get<EventStore>(EVENT_STORE);
    (store as unknown as { checkpoint?: () => void }).checkpoint?.();
    for (const file of ['events.sqlite', 'read-models.sqlite', 'idempotency.sqlite']) {
      const db = new Database(join(t.dataDir, file));
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    }
    for (const file of readdirSync(t.dataDir)) {
      const bytes = readFileSync(join(t.dataDir, file));
      expect({ file, found: bytes.includes(Buffer.from(NAME)) }).toEqual({ file, found: false });
    }
  });
});
