import { EVENT_STORE, EventStore } from '@app/event-store';
import { FixedClock } from '@app/core';
import { guaranteeDraft, startTestApp, TestApp } from '../support/test-app';

type H = { Authorization: string };

describe('cases over HTTP: intake to closing', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z')); // Monday
  let admin: H, intake: H, manager: H, otherManager: H, auditor: H;

  const complaint = (over: object = {}) => ({
    type: 'complaint',
    channel: 'letter',
    unitId: 'hgb',
    category: 'mat-och-maltider',
    description: 'Maten var kall tre dagar i rad.',
    submitter: { name: 'Eva Ek', email: 'eva.ek@example.se', phone: '070-123 45 67' },
    ...over,
  });

  beforeAll(async () => {
    // The receipt AUTO_RECEIPT queues at registration is on the case's stream too: tested in outbox.e2e-spec.ts.
    t = await startTestApp({ clock, env: { AUTO_RECEIPT: 'false' } });
    admin = await t.as('admin');
    intake = await t.as('intake');
    manager = await t.as('manager', ['hgb']);
    otherManager = await t.as('manager', ['fsk']);
    auditor = await t.as('auditor');
    for (const id of ['hgb', 'fsk']) {
      await t
        .http()
        .post('/api/units')
        .set(admin)
        .send({ id, name: `Enhet ${id}`, department: 'Förskola', district: 'Hägersten-Liljeholmen' })
        .expect(201);
    }
  });
  afterAll(() => t.close());

  it('registers with receivedAt apart from registeredAt, deadlines in working days and a yearly reference', async () => {
    const res = await t
      .http()
      .post('/api/cases')
      .set(intake)
      .send(complaint({ receivedAt: '2026-02-26T10:00:00+01:00' }))
      .expect(201);
    expect(res.body).toMatchObject({
      reference: expect.stringMatching(/^2026-\d{6}$/),
      status: 'received',
      receivedAt: '2026-02-26T09:00:00.000Z',
      registeredAt: '2026-03-02T09:00:00.000Z',
      acknowledgeBy: '2026-03-02T22:59:59.999Z', // Thu + 2 working days = Mon
      respondBy: '2026-03-12T22:59:59.999Z', // Thu + 10 working days
      overdue: { acknowledge: false, respond: false },
      description: 'Maten var kall tre dagar i rad.',
      submitter: { name: 'Eva Ek' },
    });
    expect(res.headers.etag).toBe('"0"');
  });

  it('validates every field and names it', async () => {
    const res = await t
      .http()
      .post('/api/cases')
      .set(intake)
      .send({
        type: 'rant',
        channel: 'pigeon',
        unitId: 'hgb',
        description: '',
        submitter: { email: 'nope', phone: 'abc' },
        receivedAt: 'yesterday',
        location: { lat: 200 },
      })
      .expect(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['type', 'channel', 'description', 'submitter.email', 'submitter.phone', 'receivedAt', 'location.lat']),
    );
    expect(
      (
        await t
          .http()
          .post('/api/cases')
          .set(intake)
          .send(complaint({ description: 'x'.repeat(4001) }))
          .expect(400)
      ).body.errors[0].field,
    ).toBe('description');
    expect(
      (
        await t
          .http()
          .post('/api/cases')
          .set(intake)
          .send(complaint({ receivedAt: '2026-03-03T09:00:00Z' }))
          .expect(400)
      ).body.errors[0].field,
    ).toBe('receivedAt');
    expect(
      (
        await t
          .http()
          .post('/api/cases')
          .set(intake)
          .send(complaint({ unitId: 'nowhere' }))
          .expect(400)
      ).body.errors[0].field,
    ).toBe('unitId');
    expect(
      (
        await t
          .http()
          .post('/api/cases')
          .set(intake)
          .send(complaint({ guaranteeId: 'hgb-2026' }))
          .expect(400)
      ).body.errors[0].field,
    ).toBe('commitmentId');
    const blank = await t
      .http()
      .post('/api/cases')
      .set(intake)
      .send(complaint({ description: ' \n\t ' }))
      .expect(400);
    expect(blank.body.errors.map((e: { field: string }) => e.field)).toEqual(['description']);
  });

  it('takes a complaint through acknowledge, assign, pause, resume, respond and close', async () => {
    const { body: c } = await t.http().post('/api/cases').set(intake).send(complaint()).expect(201);
    const path = `/api/cases/${c.id}`;
    await t.http().post(`${path}/acknowledge`).set(otherManager).send({}).expect(403);
    await t.http().post(`${path}/acknowledge`).set(manager).send({ at: '2026-03-02T08:00:00Z' }).expect(400); // before the receipt
    expect((await t.http().post(`${path}/acknowledge`).set(manager).send({}).expect(200)).body.status).toBe('acknowledged');
    expect((await t.http().post(`${path}/acknowledge`).set(manager).send({}).expect(409)).body.code).toBe('already_acknowledged');
    expect((await t.http().post(`${path}/assign`).set(manager).send({ assignee: 'Karin Berg' }).expect(200)).body).toMatchObject({
      status: 'in_progress',
      assignee: 'Karin Berg',
    });
    clock.set('2026-03-04T09:00:00Z');
    expect((await t.http().post(`${path}/await-complainant`).set(manager).send({ question: 'Vilka dagar?' }).expect(200)).body.status).toBe(
      'awaiting_complainant',
    );
    await t.http().post(`${path}/respond`).set(manager).send({ message: 'x', outcome: 'justified' }).expect(409);
    clock.set('2026-03-09T09:00:00Z');
    const resumed = await t.http().post(`${path}/resume`).set(manager).send({}).expect(200);
    expect(resumed.body).toMatchObject({ status: 'in_progress', respondBy: '2026-03-19T22:59:59.999Z' }); // 16 March + 3 paused working days
    await t.http().post(`${path}/close`).set(manager).send({ resolution: 'resolved' }).expect(409);
    const missingOutcome = await t.http().post(`${path}/respond`).set(manager).send({ message: 'Vi har pratat med köket.' }).expect(400);
    expect(missingOutcome.body.errors[0].field).toBe('outcome');
    await t.http().post(`${path}/respond`).set(manager).send({ message: 'Vi har pratat med köket.', outcome: 'justified' }).expect(200);
    const closed = await t.http().post(`${path}/close`).set(manager).send({ resolution: 'resolved', note: 'Klart' }).expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', resolution: 'resolved', outcome: 'justified' });
    await t.http().post(`${path}/assign`).set(manager).send({ assignee: 'x' }).expect(409);
    expect((await t.http().post(`${path}/reopen`).set(manager).send({ reason: 'Kallt igen' }).expect(200)).body.status).toBe('reopened');
    const got = await t.http().get(path).set(manager).expect(200);
    expect(got.body.history.map((h: { type: string }) => h.type)).toEqual([
      'CaseRegistered',
      'CaseAcknowledged',
      'CaseAssigned',
      'ComplainantAsked',
      'CaseResumed',
      'CaseResponded',
      'CaseClosed',
      'CaseReopened',
    ]);
    const intakeActor = { sub: 'test-intake-*', name: 'Test User' };
    const managerActor = { sub: 'test-manager-hgb', name: 'Test User' };
    expect(got.body.history.slice(0, 3)).toEqual([
      { type: 'CaseRegistered', at: c.receivedAt, recordedAt: c.registeredAt, by: intakeActor },
      { type: 'CaseAcknowledged', at: expect.any(String), recordedAt: expect.any(String), by: managerActor },
      { type: 'CaseAssigned', at: expect.any(String), recordedAt: expect.any(String), by: managerActor },
    ]);
    expect(got.body.history.every((h: { by: unknown }) => h.by !== undefined)).toBe(true);
    const stale = await t.http().post(`${path}/close`).set(manager).set('If-Match', '"2"').send({ resolution: 'resolved' }).expect(412);
    expect(stale.body.status).toBe(412);
  });

  it('transfers, sends a delay notice, merges and unmerges', async () => {
    clock.set('2026-03-10T09:00:00Z');
    const { body: a } = await t
      .http()
      .post('/api/cases')
      .set(intake)
      .send(complaint({ type: 'opinion' }))
      .expect(201);
    const { body: b } = await t
      .http()
      .post('/api/cases')
      .set(intake)
      .send(complaint({ type: 'opinion' }))
      .expect(201);
    const moved = await t
      .http()
      .post(`/api/cases/${a.id}/transfer`)
      .set(intake)
      .send({ toUnitId: 'fsk', reason: 'Gäller förskolan' })
      .expect(200);
    expect(moved.body).toMatchObject({ unitId: 'fsk', status: 'transferred', reference: a.reference, respondBy: a.respondBy });
    await t.http().post(`/api/cases/${a.id}/acknowledge`).set(manager).send({}).expect(403); // no longer hgb's
    await t.http().post(`/api/cases/${a.id}/transfer`).set(intake).send({ toUnitId: 'nowhere', reason: 'x' }).expect(400);
    for (const newRespondBy of ['2026-04-31', '2026-02-30', '2026-4-15']) {
      const bad = await t.http().post(`/api/cases/${b.id}/delay-notice`).set(manager).send({ reason: 'x', newRespondBy }).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['newRespondBy']);
    }
    await t
      .http()
      .post(`/api/cases/${b.id}/delay-notice`)
      .set(manager)
      .send({ reason: 'Utredning pågår', newRespondBy: '2026-04-15' })
      .expect(200);
    const bothUnits = await t.as('manager', ['hgb', 'fsk']); // the target is fsk's case now
    const merged = await t.http().post(`/api/cases/${b.id}/merge`).set(bothUnits).send({ intoCaseId: a.id }).expect(200);
    expect(merged.body).toMatchObject({ status: 'closed', resolution: 'duplicate', mergedInto: a.id });
    await t.http().post(`/api/cases/${b.id}/merge`).set(bothUnits).send({ intoCaseId: a.id }).expect(409);
    expect((await t.http().post(`/api/cases/${b.id}/unmerge`).set(manager).send({}).expect(200)).body.status).toBe('received');
  });

  it('lists from the projection with filters, paging and overdue flags', async () => {
    clock.set('2026-03-20T09:00:00Z');
    const last = await t
      .http()
      .post('/api/cases')
      .set(intake)
      .send(complaint({ type: 'praise', channel: 'web', submitter: undefined }))
      .expect(201);
    const pos = last.headers['x-event-position'];
    const all = await t.http().get(`/api/cases?minPosition=${pos}&pageSize=2`).set(admin).expect(200);
    expect(all.body).toMatchObject({ page: 1, pageSize: 2, total: 5 });
    expect(all.body.cases).toHaveLength(2);
    const praise = await t.http().get(`/api/cases?type=praise&minPosition=${pos}`).set(admin).expect(200);
    expect(praise.body.cases.map((c: { reference: string }) => c.reference)).toEqual([last.body.reference]);
    const overdue = await t.http().get(`/api/cases?overdue=true&minPosition=${pos}`).set(admin).expect(200);
    expect(overdue.body.cases.length).toBeGreaterThan(0);
    expect(
      overdue.body.cases.every((c: { overdue: { acknowledge: boolean; respond: boolean } }) => c.overdue.acknowledge || c.overdue.respond),
    ).toBe(true);
    const mine = await t.http().get(`/api/cases?minPosition=${pos}`).set(otherManager).expect(200);
    expect(mine.body.cases.every((c: { unitId: string }) => c.unitId === 'fsk')).toBe(true);
    await t.http().get('/api/cases?unitId=hgb').set(otherManager).expect(403);
    await t.http().get('/api/cases?pageSize=0').set(admin).expect(400);
  });

  it('confidential cases show text and submitter only to their unit managers, admins and auditors', async () => {
    const { body: c } = await t
      .http()
      .post('/api/cases')
      .set(intake)
      .send(complaint({ confidential: true, description: 'Känsliga uppgifter om min son.' }))
      .expect(201);
    for (const who of [manager, admin, auditor]) {
      expect((await t.http().get(`/api/cases/${c.id}`).set(who).expect(200)).body.description).toBe('Känsliga uppgifter om min son.');
    }
    const seen = await t.http().get(`/api/cases/${c.id}`).set(intake).expect(200);
    expect(seen.body).toMatchObject({ status: 'received', contentWithheld: true });
    expect(seen.body.description).toBeUndefined();
    expect(seen.body.submitter).toBeUndefined();
    await t.http().get(`/api/cases/${c.id}`).set(otherManager).expect(403);
  });

  it('lifecycle command responses never carry a confidential case’s text; the logged GET does', async () => {
    const { body: c } = await t
      .http()
      .post('/api/cases')
      .set(intake)
      .send(complaint({ confidential: true, description: 'Känsligt om min dotter.' }))
      .expect(201);
    // not even the registration's own answer, to the intake officer who just typed it
    expect(c).toMatchObject({ status: 'received', contentWithheld: true });
    expect(JSON.stringify(c)).not.toMatch(/Känsligt|Eva Ek|eva\.ek/);
    const disclosures = async () =>
      (await t.http().get('/api/audit/disclosures').set(admin).expect(200)).body.disclosures.filter(
        (d: { caseId: string }) => d.caseId === c.id,
      ).length;
    // even the unit's manager gets the text from the GET, which logs the disclosure, not from a command's answer
    const acknowledged = await t.http().post(`/api/cases/${c.id}/acknowledge`).set(manager).send({}).expect(200);
    expect(acknowledged.body).toMatchObject({ status: 'acknowledged', contentWithheld: true });
    expect(JSON.stringify(acknowledged.body)).not.toMatch(/Känsligt|Eva Ek/);
    expect(await disclosures()).toBe(0);
    const read = await t.http().get(`/api/cases/${c.id}`).set(manager).expect(200);
    expect(read.body).toMatchObject({ description: 'Känsligt om min dotter.', submitter: { name: 'Eva Ek' } });
    expect(await disclosures()).toBe(1);
    const moved = await t.http().post(`/api/cases/${c.id}/transfer`).set(intake).send({ toUnitId: 'fsk', reason: 'Fel enhet' }).expect(200);
    expect(moved.body).toMatchObject({ unitId: 'fsk', status: 'transferred', contentWithheld: true });
    expect(moved.body.description).toBeUndefined();
    expect(moved.body.submitter).toBeUndefined();
    expect(JSON.stringify(moved.body)).not.toMatch(/Känsligt|Eva Ek|eva\.ek/);
  });

  it('a case naming a commitment reports the breach through the process manager and shows its id', async () => {
    clock.set('2026-03-20T09:00:00Z');
    await t.http().post('/api/guarantees').set(admin).send(guaranteeDraft('hgb')).expect(201);
    await t.http().post('/api/guarantees/hgb-2026/adopt').set(admin).send({ decidedOn: '2026-01-15', decisionRef: '§ 3' }).expect(200);
    await t
      .http()
      .post('/api/cases')
      .set(intake)
      .send(complaint({ guaranteeId: 'hgb-2026', commitmentId: 'svar', receivedAt: '2026-01-10T10:00:00Z' }))
      .expect(409);
    const { body: c } = await t
      .http()
      .post('/api/cases')
      .set(intake)
      .send(complaint({ guaranteeId: 'hgb-2026', commitmentId: 'svar' }))
      .expect(201);
    expect(c.respondBy).toBe('2026-03-27T22:59:59.999Z'); // the commitment's own 5 working days
    let breachId: string | undefined;
    for (let i = 0; i < 100 && !breachId; i++) {
      breachId = (await t.http().get(`/api/cases/${c.id}`).set(manager)).body.breachId;
      if (!breachId) await new Promise((r) => setTimeout(r, 20));
    }
    expect(breachId).toBeDefined();
    const breach = await t.http().get(`/api/breaches/${breachId}`).set(manager).expect(200);
    expect(breach.body).toMatchObject({ status: 'reported', caseId: c.id, commitmentId: 'svar', source: 'case' });
  });

  it('merges only into a case the caller may see; store failures are not a 400', async () => {
    clock.set('2026-03-23T09:00:00Z');
    const register = async (over: object = {}) => (await t.http().post('/api/cases').set(intake).send(complaint(over)).expect(201)).body;
    const source = await register();
    const elsewhere = await register({ unitId: 'fsk' });
    const forbidden = await t.http().post(`/api/cases/${source.id}/merge`).set(manager).send({ intoCaseId: elsewhere.id }).expect(403);
    expect(forbidden.body.status).toBe(403);
    const unknown = await t.http().post(`/api/cases/${source.id}/merge`).set(manager).send({ intoCaseId: 'no-such-case' }).expect(400);
    expect(unknown.body.errors[0].field).toBe('intoCaseId');
    const target = await register();
    // The store fails to read the target (the app's store is a proxy, so the method is swapped by hand).
    const store = t.app.get<EventStore>(EVENT_STORE);
    const own = Object.getOwnPropertyDescriptor(store, 'readStream');
    const read = store.readStream;
    store.readStream = (id, options) => (id === `case-${target.id}` ? Promise.reject(new Error('disk unavailable')) : read(id, options));
    try {
      await t.http().post(`/api/cases/${source.id}/merge`).set(manager).send({ intoCaseId: target.id }).expect(500);
    } finally {
      if (own) Object.defineProperty(store, 'readStream', own);
      else delete (store as Partial<EventStore>).readStream;
    }
    const merged = await t.http().post(`/api/cases/${source.id}/merge`).set(manager).send({ intoCaseId: target.id }).expect(200);
    expect(merged.body).toMatchObject({ status: 'closed', resolution: 'duplicate', mergedInto: target.id });
    // a duplicate of a case already answered and closed is merged into it too: that answer covers both
    const answered = await register({ type: 'praise', submitter: undefined });
    await t.http().post(`/api/cases/${answered.id}/close`).set(manager).send({ resolution: 'resolved' }).expect(200);
    const late = await register();
    await t.http().post(`/api/cases/${late.id}/merge`).set(manager).send({ intoCaseId: answered.id }).expect(200);
  });

  it('lists by Stockholm days for date-only from/to, and overdue=false keeps only cases not overdue', async () => {
    clock.set('2026-03-20T09:00:00Z');
    await t.http().post('/api/units').set(admin).send({ id: 'lst', name: 'Lista', department: 'D', district: 'D' }).expect(201);
    const register = (over: object) =>
      t
        .http()
        .post('/api/cases')
        .set(intake)
        .send(complaint({ unitId: 'lst', ...over }))
        .expect(201);
    const { body: early } = await register({ receivedAt: '2026-02-28T23:30:00Z' }); // 00:30 on 1 March in Stockholm; overdue by now
    const last = await register({});
    const fresh = last.body;
    const pos = last.headers['x-event-position'];
    const list = async (query: string) =>
      (await t.http().get(`/api/cases?unitId=lst&minPosition=${pos}&${query}`).set(admin).expect(200)).body.cases.map(
        (c: { id: string }) => c.id,
      );
    expect(await list('from=2026-03-01&to=2026-03-02')).toEqual([early.id]);
    expect(await list('to=2026-03-01')).toEqual([]);
    expect(await list('from=2026-03-01')).toEqual([fresh.id, early.id]);
    expect(await list('from=2026-03-01T00:00:00%2B01:00&to=2026-03-01T01:00:00%2B01:00')).toEqual([early.id]);
    expect(await list('overdue=true')).toEqual([early.id]);
    expect(await list('overdue=false')).toEqual([fresh.id]);
    for (const from of ['2026-W10-1', '2026-02-30', '2026-03-01T10:00']) {
      const bad = await t.http().get(`/api/cases?from=${from}`).set(admin).expect(400);
      expect(bad.body.errors[0].field).toBe('from');
    }
  });
});

describe('personal data of cases in the log', () => {
  it('is sealed with the case key: the stored event holds ciphertext, reads give plaintext', async () => {
    const t = await startTestApp();
    const admin = await t.as('admin');
    await t.http().post('/api/units').set(admin).send({ id: 'pd', name: 'PD', department: 'D', district: 'D' }).expect(201);
    const { body } = await t
      .http()
      .post('/api/cases')
      .set(await t.as('intake'))
      .send({
        type: 'opinion',
        channel: 'phone',
        unitId: 'pd',
        description: 'Personnummer 19121212-1212 nämns här',
        submitter: { name: 'Zlatan Öberg-Xyzzy', phone: '070-000 00 00' },
      })
      .expect(201);
    const store = t.app.get<EventStore>(EVENT_STORE);
    const [raw] = await store.readStream(`case-${body.id}`).then(() => store.readAll({ raw: true, streamPrefix: `case-${body.id}` }));
    expect(JSON.stringify(raw.data)).not.toMatch(/Zlatan|19121212/);
    expect(raw.data).toMatchObject({ description: { $enc: expect.any(String) }, submitter: { $enc: expect.any(String) } });
    const read = await t.http().get(`/api/cases/${body.id}`).set(admin).expect(200);
    expect(read.body).toMatchObject({ description: 'Personnummer 19121212-1212 nämns här', submitter: { name: 'Zlatan Öberg-Xyzzy' } });
    await t.close();
  });
});
