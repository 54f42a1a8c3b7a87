import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type request from 'supertest';
import { FixedClock, RecordedEvent } from '@app/core';
import { EVENT_STORE, EventStore, SqliteEventStore, verifyEventLog } from '@app/event-store';
import { checkpointAll, filesContaining } from '@app/testing';
import { startTestApp, TestApp } from '../support/test-app';

type H = { Authorization: string };
const NAME = 'Zlatan Öberg-Xyzzy';
const SECRET = 'Känsligt-Plugh'; // the confidential case's text

const guaranteeContent = {
  title: 'Kvalitetsgaranti för Hägerstens gruppbostäder',
  commitments: [{ id: 'svar', text: 'Vi svarar inom fem arbetsdagar.', responseWorkingDays: 5 }],
  remedy: 'Enhetschefen ringer upp dig inom en vecka.',
  contact: { name: 'Anna Svensson', phone: '08-508 000 00', email: 'anna.svensson@stockholm.se' },
};
const ndjson = (res: request.Response, cb: (err: Error | null, body: string) => void) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  let text = '';
  stream.on('data', (c: Buffer) => (text += c.toString()));
  stream.on('end', () => cb(null, text));
};

describe('audit, replay and data protection over HTTP', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  let admin: H, auditor: H, intake: H, manager: H;
  let caseId: string;
  let confidentialId: string;
  let beforeResponse: string;

  beforeAll(async () => {
    // The receipt AUTO_RECEIPT queues at registration is on the case's stream too: tested in outbox.e2e-spec.ts.
    t = await startTestApp({ clock, env: { AUTO_RECEIPT: 'false' } });
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
      .set('Idempotency-Key', 'brev-1') // its record keeps what was created, never the plaintext
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
      .send({ type: 'opinion', channel: 'phone', unitId: 'hgb', description: SECRET, confidential: true })
      .expect(201);
    confidentialId = conf.body.id;
  });
  afterAll(() => t.close());

  type Disclosure = { caseId: string; reference: string; reader: { sub: string }; roles: string[]; at: string };
  /** The disclosures a read left in the log. */
  async function disclosedBy(read: () => PromiseLike<unknown>): Promise<Disclosure[]> {
    const list = async () => (await t.http().get('/api/audit/disclosures').set(auditor).expect(200)).body.disclosures as Disclosure[];
    const before = (await list()).length;
    await read();
    return (await list()).slice(before);
  }

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
      'MessageQueued.v1', // the response to the submitter
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

  it('shows a guarantee before and after adoption and revision, and a breach before and after confirmation', async () => {
    const step = async (at: string, send: () => PromiseLike<unknown>) => {
      clock.set(at);
      await send();
    };
    const post = (path: string, who: H, body: object, status = 200) => t.http().post(path).set(who).send(body).expect(status);
    await step('2026-03-10T09:00:00Z', () => post('/api/guarantees', manager, { unitId: 'hgb', year: 2026, ...guaranteeContent }, 201));
    await step('2026-03-11T09:00:00Z', () =>
      post('/api/guarantees/hgb-2026/adopt', admin, { decidedOn: '2026-03-11', decisionRef: '§ 7' }),
    );
    let breachId = '';
    await step('2026-03-12T09:00:00Z', async () => {
      const breach = await post(
        '/api/breaches',
        manager,
        { guaranteeId: 'hgb-2026', commitmentId: 'svar', occurredAt: '2026-03-11T15:00:00+01:00', description: 'Svaret dröjde.' },
        201,
      );
      breachId = breach.body.id;
    });
    await step('2026-03-13T09:00:00Z', () => post(`/api/breaches/${breachId}/confirm`, manager, { note: 'Stämmer.' }));
    const revised = { ...guaranteeContent, commitments: [{ id: 'svar', text: 'Vi svarar inom tre arbetsdagar.', responseWorkingDays: 3 }] };
    await step('2026-03-16T09:00:00Z', () => post('/api/guarantees/hgb-2026/revise', manager, revised));
    await step('2026-03-17T09:00:00Z', () =>
      post('/api/guarantees/hgb-2026/adopt', admin, { decidedOn: '2026-03-17', decisionRef: '§ 9' }),
    );

    const guarantee = async (asOf: string) =>
      (await t.http().get(`/api/audit/guarantees/hgb-2026?asOf=${asOf}`).set(auditor).expect(200)).body;
    const versions = (g: { guarantee: { versions: { version: number; status: string }[] } }) =>
      g.guarantee.versions.map((v) => [v.version, v.status]);
    await t.http().get('/api/audit/guarantees/hgb-2026?asOf=2026-03-10T08:59:59Z').set(auditor).expect(404);

    const drafted = await guarantee('2026-03-11T08:59:59Z');
    expect(drafted).toMatchObject({ revision: 0, guarantee: { status: 'draft', version: 1 } });
    expect(drafted.guarantee.inForce).toBeUndefined();
    expect(versions(drafted)).toEqual([[1, 'draft']]);

    const adopted = await guarantee('2026-03-11T09:00:00Z');
    expect(adopted.guarantee).toMatchObject({
      status: 'adopted',
      version: 1,
      decisionRef: '§ 7',
      inForce: { version: 1, from: '2026-03-11' },
    });
    expect(adopted.guarantee.commitments).toEqual([expect.objectContaining({ id: 'svar', responseWorkingDays: 5 })]);

    const inRevision = await guarantee('2026-03-16T12:00:00Z');
    expect(inRevision.guarantee).toMatchObject({ status: 'draft', version: 2, inForce: { version: 1 } });
    expect(versions(inRevision)).toEqual([
      [1, 'adopted'],
      [2, 'draft'],
    ]);

    const readopted = await guarantee('2026-03-17T09:00:00Z');
    expect(readopted.guarantee).toMatchObject({
      status: 'adopted',
      version: 2,
      decisionRef: '§ 9',
      inForce: { version: 2, from: '2026-03-17' },
    });
    expect(versions(readopted)).toEqual([
      [1, 'superseded'],
      [2, 'adopted'],
    ]);
    expect(readopted.guarantee.commitments).toEqual([expect.objectContaining({ id: 'svar', responseWorkingDays: 3 })]);

    const breach = async (asOf: string) =>
      (await t.http().get(`/api/audit/breaches/${breachId}?asOf=${asOf}`).set(auditor).expect(200)).body;
    await t.http().get(`/api/audit/breaches/${breachId}?asOf=2026-03-12T08:59:59Z`).set(auditor).expect(404);
    const reported = await breach('2026-03-13T08:59:59Z');
    expect(reported).toMatchObject({ revision: 0, breach: { status: 'reported', guaranteeVersion: 1, commitmentId: 'svar' } });
    expect(reported.breach.decidedAt).toBeUndefined();
    expect(reported.breach.note).toBeUndefined();
    const confirmed = await breach('2026-03-13T09:00:00Z');
    expect(confirmed).toMatchObject({ revision: 1, breach: { status: 'confirmed', note: 'Stämmer.', decidedAt: expect.any(String) } });
    expect((await t.http().get(`/api/audit/breaches/${breachId}`).set(auditor).expect(200)).body.breach.status).toBe('confirmed');
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
    const disclosed = await disclosedBy(async () => {
      await t.http().get(`/api/cases/${confidentialId}`).set(manager).expect(200);
      await t.http().get(`/api/cases/${confidentialId}`).set(intake).expect(200); // sees no text: not a disclosure
    });
    expect(disclosed).toEqual([
      expect.objectContaining({ caseId: confidentialId, reader: expect.objectContaining({ sub: expect.stringMatching(/manager/) }) }),
    ]);
  });

  it('logs a disclosure on every auditor path that hands out a confidential case’s text, once per response', async () => {
    // The cases GET's disclosure is the model: every other path must leave the same record.
    const [viaCases] = await disclosedBy(() => t.http().get(`/api/cases/${confidentialId}`).set(auditor).expect(200));
    expect(viaCases).toEqual({
      caseId: confidentialId,
      reference: expect.any(String),
      reader: expect.objectContaining({ sub: expect.stringMatching(/auditor/) }),
      roles: ['auditor'],
      at: clock.now().toISOString(),
      position: expect.any(Number),
    });
    const byAuditor = [{ ...viaCases, position: expect.any(Number) }];
    const read = (path: string) => async () => {
      const res = await t.http().get(path).set(auditor).buffer(true).parse(ndjson).expect(200);
      expect(res.body).toContain(SECRET); // the text did go out
    };
    expect(await disclosedBy(read(`/api/audit/cases/${confidentialId}`))).toEqual(byAuditor);
    expect(await disclosedBy(read(`/api/audit/cases/${confidentialId}?asOf=${clock.now().toISOString()}`))).toEqual(byAuditor);
    expect(await disclosedBy(read(`/api/audit/streams/case-${confidentialId}`))).toEqual(byAuditor);
    expect(await disclosedBy(read(`/api/audit/events?streamPrefix=case-${confidentialId}`))).toEqual(byAuditor);
    expect(await disclosedBy(read('/api/audit/events?limit=1000'))).toEqual(byAuditor);
    expect(await disclosedBy(read('/api/audit/export?plaintext=true'))).toEqual(byAuditor);

    // No text of a confidential case, no disclosure: sealed export, other cases, events without text.
    const sealed = async () => {
      const res = await t.http().get('/api/audit/export').set(auditor).buffer(true).parse(ndjson).expect(200);
      expect(res.body).not.toContain(SECRET);
    };
    expect(await disclosedBy(sealed)).toEqual([]);
    expect(await disclosedBy(() => t.http().get(`/api/audit/streams/case-${caseId}`).set(auditor).expect(200))).toEqual([]);
    expect(await disclosedBy(() => t.http().get(`/api/audit/cases/${caseId}`).set(auditor).expect(200))).toEqual([]);
    expect(await disclosedBy(() => t.http().get('/api/audit/events?type=CaseAcknowledged.v1').set(auditor).expect(200))).toEqual([]);
  });

  it('exports NDJSON with personal data sealed, and an import into an empty store reproduces revisions and hashes', async () => {
    const res = await t.http().get('/api/audit/export').set(admin).buffer(true).parse(ndjson).expect(200);
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
    const store = t.app.get<EventStore>(EVENT_STORE);
    const checkpoint = () => {
      (store as unknown as { checkpoint?: () => void }).checkpoint?.();
      checkpointAll(t.dataDir);
    };
    checkpoint();
    // Sealed in the log and kept out of the idempotency record: no file holds the name in plaintext even before erasure.
    expect(filesContaining(t.dataDir, NAME)).toEqual([]);

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

    checkpoint();
    expect(filesContaining(t.dataDir, NAME)).toEqual([]);
    expect(filesContaining(t.dataDir, 'Xyzzy')).toEqual([]);
    expect(filesContaining(t.dataDir, 'zlatan@example.se')).toEqual([]);
  });
});
