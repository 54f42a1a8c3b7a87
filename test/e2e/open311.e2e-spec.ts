import { createHash, randomUUID } from 'node:crypto';
import { CASE_TYPES } from '@app/cases';
import { FixedClock } from '@app/core';
import { EncryptingEventStore, EVENT_STORE, EventStore } from '@app/event-store';
import {
  keysOf,
  SPEC_ERROR,
  SPEC_POST_REQUEST,
  SPEC_POST_RESPONSE,
  SPEC_SERVICE_DEFINITION,
  SPEC_SERVICE_LIST,
  SPEC_SERVICE_REQUESTS,
} from '../../libs/open311/test/georeport-v2.fixtures';
import { checkpointAll, filesUnder } from '@app/testing';
import { buildProgram } from '../../apps/cli/src/main';
import { startTestApp, TestApp } from '../support/test-app';

type H = { Authorization: string };
const V2 = '/open311/v2';

describe('Open311 GeoReport v2: list services, file a request, follow it to closed', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z')); // Monday
  let admin: H, intake: H, manager: H;
  let key: string;
  let clientId: string;

  const cli = async (...args: string[]) => {
    let out = '';
    let err = '';
    await buildProgram(
      { env: { DATA_DIR: t.dataDir, LOG_LEVEL: 'silent' }, clock, out: (s) => (out += s), err: (s) => (err += s) },
      { exitOverride: true },
    ).parseAsync(['node', 'synpunkt', ...args]);
    return { out, err };
  };
  const post = (form: string) => t.http().post(`${V2}/requests.json`).type('form').send(form);
  const position = (res: { headers: Record<string, string> }) => res.headers['x-event-position'];
  const caseIdOf = async (reference: string, pos: string) =>
    (await t.http().get(`/api/cases?minPosition=${pos}&pageSize=500`).set(admin).expect(200)).body.cases.find(
      (c: { reference: string }) => c.reference === reference,
    ).id as string;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    admin = await t.as('admin');
    intake = await t.as('intake');
    manager = await t.as('manager', ['hgb']);
    const units = [
      { id: 'hgb', name: 'Hägerstens förskolor', department: 'Förskola', district: 'Hägersten-Liljeholmen' },
      { id: 'vby', name: 'Västberga vård- och omsorgsboende', department: 'Äldreomsorg', district: 'Hägersten-Liljeholmen' },
    ];
    for (const unit of units) await t.http().post('/api/units').set(admin).send(unit).expect(201);
    await t
      .http()
      .post('/api/guarantees')
      .set(admin)
      .send({
        unitId: 'hgb',
        year: 2026,
        title: 'Garanti för förskolan',
        commitments: [{ id: 'svar', text: 'Du får svar inom tio arbetsdagar.' }],
        remedy: 'Enhetschefen kontaktar dig inom en vecka.',
        contact: { name: 'Anna Svensson' },
      })
      .expect(201);
    await t.http().post('/api/guarantees/hgb-2026/adopt').set(admin).send({ decidedOn: '2026-01-09', decisionRef: '§ 7' }).expect(200);
    const issued = await cli('open311-key', 'create', '--name', 'Stadens e-tjänst');
    key = issued.out.trim();
    clientId = key.split('.')[0];
  });
  afterAll(() => t.close());

  it('lists one service per open unit and case type, shaped like the spec example', async () => {
    const unit = await t.http().post('/api/units').set(admin).send({ id: 'old', name: 'Stängd enhet', department: 'X', district: 'Y' });
    await t.http().post('/api/units/old/close').set(admin).send({ reason: 'nedlagd' }).expect(200);
    const res = await t
      .http()
      .get(`${V2}/services.json?jurisdiction_id=stockholm.se&minPosition=${position(unit)}`)
      .expect(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body).toHaveLength(2 * CASE_TYPES.length);
    for (const service of res.body) expect(keysOf(service)).toEqual(keysOf(SPEC_SERVICE_LIST[0]));
    expect(res.body.find((s: { service_code: string }) => s.service_code === 'hgb.complaint')).toEqual({
      service_code: 'hgb.complaint',
      service_name: 'Klagomål – Hägerstens förskolor',
      description: expect.stringContaining('Hägerstens förskolor'),
      metadata: true,
      type: 'realtime',
      keywords: expect.stringContaining('klagomål'),
      group: 'Förskola',
    });
    expect(res.body.find((s: { service_code: string }) => s.service_code === 'vby.praise')).toMatchObject({
      metadata: false,
      group: 'Äldreomsorg',
    });
    expect(res.body.some((s: { service_code: string }) => s.service_code.startsWith('old.'))).toBe(false);
  });

  it('defines a service with optional attributes: a reply wanted, and the commitment of the guarantee in force', async () => {
    const res = await t.http().get(`${V2}/services/hgb.complaint.json`).expect(200);
    expect(keysOf(res.body)).toEqual(keysOf(SPEC_SERVICE_DEFINITION));
    for (const attribute of res.body.attributes) {
      expect(keysOf(attribute)).toEqual(keysOf(SPEC_SERVICE_DEFINITION.attributes[0]));
      for (const value of attribute.values) expect(keysOf(value)).toEqual(keysOf(SPEC_SERVICE_DEFINITION.attributes[0].values[0]));
    }
    expect(res.body.attributes.map((a: { code: string; required: boolean }) => [a.code, a.required])).toEqual([
      ['wants_reply', false],
      ['guarantee_commitment', false],
    ]);
    expect(res.body.attributes[1].values).toEqual([{ key: 'svar', name: 'Du får svar inom tio arbetsdagar.' }]);
    expect((await t.http().get(`${V2}/services/vby.complaint.json`).expect(200)).body.attributes).toHaveLength(1);
    expect((await t.http().get(`${V2}/services/hgb.praise.json`).expect(200)).body).toEqual({ service_code: 'hgb.praise', attributes: [] });
  });

  it('answers unknown codes, ids and paths with Open311 errors, never problem+json', async () => {
    for (const path of [
      'services/nowhere.complaint.json',
      'services/hgb.rant.json',
      'services/old.idea.json',
      'requests/2026-999999.json',
      'requests/abc.json',
      'nothing.json',
    ]) {
      const res = await t.http().get(`${V2}/${path}`).expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toEqual([{ code: 404, description: expect.stringMatching(/not found/) }]);
    }
    expect((await t.http().get(`${V2}/services.xml`).expect(400)).body[0].description).toMatch(/XML/);
    expect((await t.http().get(`${V2}/requests.json?start_date=yesterday`).expect(400)).body[0]).toEqual({
      code: 400,
      description: expect.stringMatching(/^start_date/),
    });
    // the rest of the API keeps RFC 9457
    expect((await t.http().get('/api/cases/nope').set(admin).expect(404)).headers['content-type']).toMatch(/problem\+json/);
  });

  it('refuses a missing, wrong or malformed api_key with 403 in the spec’s error format', async () => {
    const form = 'service_code=hgb.complaint&description=Hej';
    for (const body of [
      form,
      `${form}&api_key=`,
      `${form}&api_key=xyz`,
      `${form}&api_key=${clientId}.${'A'.repeat(43)}`,
      `${form}&api_key=${key}x`,
    ]) {
      const res = await post(body).expect(403);
      expect(keysOf(res.body[0])).toEqual(keysOf(SPEC_ERROR[0]));
      expect(res.body).toEqual([{ code: 403, description: expect.stringMatching(/api_key/) }]);
    }
    // a key in the URL does not count (URLs are logged)
    await t
      .http()
      .post(`${V2}/requests.json?api_key=${encodeURIComponent(key)}`)
      .type('form')
      .send(form)
      .expect(403);
  });

  it('names every missing or invalid argument with 400, and an unknown service_code with 404', async () => {
    expect((await post(`api_key=${key}&description=Hej`).expect(400)).body).toEqual([
      { code: 400, description: 'service_code was not provided' },
    ]);
    expect((await post(`api_key=${key}&service_code=hgb.complaint`).expect(400)).body[0].description).toMatch(/^description/);
    const bad = await post(
      `api_key=${key}&service_code=hgb.complaint&description=x&email=nope&lat=59.3&attribute[wants_reply]=kanske`,
    ).expect(400);
    expect(bad.body.map((e: { description: string }) => e.description.split(':')[0]).sort()).toEqual([
      'attribute[wants_reply]',
      'lat/long',
    ]);
    const fields = await post(`api_key=${key}&service_code=hgb.complaint&description=x&email=nope&lat=99&long=18`).expect(400);
    expect(fields.body.map((e: { description: string }) => e.description.split(':')[0]).sort()).toEqual(['email', 'lat']);
    expect(
      (await post(`api_key=${key}&service_code=hgb.complaint&description=x&attribute[wants_reply]=true`).expect(400)).body[0].description,
    ).toMatch(/^attribute\[wants_reply\]/);
    expect(
      (await post(`api_key=${key}&service_code=hgb.complaint&description=x&attribute[guarantee_commitment]=nej`).expect(400)).body[0].code,
    ).toBe(400);
    expect((await post(`api_key=${key}&service_code=nowhere.complaint&description=x`).expect(404)).body[0].description).toMatch(/nowhere/);
    expect((await post(`api_key=${key}&service_code=old.complaint&description=x`).expect(404)).body[0].code).toBe(404);
  });

  it('round trip: the spec’s example POST files a case (channel open311, same rules as /api/cases) that GET follows to closed', async () => {
    const form = SPEC_POST_REQUEST.replace('api_key=xyz', `api_key=${encodeURIComponent(key)}`).replace(
      'service_code=001',
      'service_code=hgb.complaint',
    );
    const created = await post(`${form}&attribute[guarantee_commitment]=svar`).expect(201);
    expect(created.body).toHaveLength(1);
    expect(keysOf(created.body[0])).toEqual(keysOf(SPEC_POST_RESPONSE[0]));
    const ref: string = created.body[0].service_request_id;
    expect(ref).toMatch(/^2026-\d{6}$/);
    expect(created.body[0]).toEqual({
      service_request_id: ref,
      service_notice: expect.stringContaining('Hägerstens förskolor'),
      account_id: null,
    });
    expect(created.body[0].service_notice).toContain('2026-03-16'); // respondBy: ten working days

    const caseId = await caseIdOf(ref, position(created));
    const internal = (await t.http().get(`/api/cases/${caseId}`).set(admin).expect(200)).body;
    expect(internal).toMatchObject({
      reference: ref,
      channel: 'open311',
      type: 'complaint',
      unitId: 'hgb',
      submitter: { name: 'john smith', email: 'smit333@sfgov.edu', phone: '111111111' },
      location: { address: '1234 5th street', lat: 37.76524078, long: -122.4212043 },
      guaranteeId: 'hgb-2026',
      commitmentId: 'svar',
      wantsReply: true,
    });
    expect(internal.description).toContain('A large sinkhole');
    expect(internal.description).toContain('http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg');

    const first = (await t.http().get(`${V2}/requests/${ref}.json`).expect(200)).body;
    expect(first).toHaveLength(1);
    expect(keysOf(first[0])).toEqual([...keysOf(SPEC_SERVICE_REQUESTS[0]), 'notes'].sort());
    expect(first[0]).toMatchObject({
      service_request_id: ref,
      status: 'open',
      service_code: 'hgb.complaint',
      service_name: 'Klagomål – Hägerstens förskolor',
      agency_responsible: 'Hägerstens förskolor',
      requested_datetime: '2026-03-02T09:00:00.000Z',
      expected_datetime: internal.respondBy,
      lat: 37.765, // rounded to about 100 m (see the positions suite below)
      long: -122.421,
      description: null,
      address: null,
      media_url: null,
      notes: [{ type: 'opened', datetime: '2026-03-02T09:00:00.000Z', summary: expect.any(String) }],
    });

    clock.set('2026-03-03T09:00:00Z');
    await t.http().post(`/api/cases/${caseId}/acknowledge`).set(manager).send({}).expect(200);
    await t
      .http()
      .post(`/api/cases/${caseId}/respond`)
      .set(manager)
      .send({ message: 'Hemligt svar till John', outcome: 'justified' })
      .expect(200);
    const closed = await t
      .http()
      .post(`/api/cases/${caseId}/close`)
      .set(manager)
      .send({ resolution: 'resolved', note: 'Internt' })
      .expect(200);
    const followed = (await t.http().get(`${V2}/requests/${ref}.json`).expect(200)).body[0];
    expect(followed).toMatchObject({
      status: 'closed',
      status_notes: 'Avslutad: åtgärdat.',
      service_notice: null,
      updated_datetime: '2026-03-03T09:00:00.000Z',
    });
    expect(followed.notes.map((n: { type: string }) => n.type)).toEqual(['opened', 'activity', 'activity', 'closed']);
    const listed = (
      await t
        .http()
        .get(`${V2}/requests.json?service_request_id=${ref}&minPosition=${position(closed)}`)
        .expect(200)
    ).body;
    expect(listed).toEqual([followed]);
    for (const body of [followed, listed]) {
      const text = JSON.stringify(body);
      for (const secret of ['john', 'smit333', '111111111', 'sinkhole', '5th street', 'flickr', 'Hemligt', 'Internt'])
        expect(text).not.toContain(secret);
    }
  });

  describe('GET requests.json: filters and limits', () => {
    const refs: Record<string, string> = {};
    let pos = '0';

    beforeAll(async () => {
      clock.set('2026-03-04T09:00:00Z');
      const file = async (name: string, over: object = {}) => {
        const res = await t
          .http()
          .post('/api/cases')
          .set(intake)
          .send({ type: 'opinion', channel: 'web', unitId: 'hgb', description: `Text ${name}`, ...over })
          .expect(201);
        refs[name] = res.body.reference;
        pos = position(res);
        return res.body.id as string;
      };
      await file('old', { receivedAt: '2025-11-20T09:00:00Z' }); // 104 days before now
      await file('recent', { receivedAt: '2026-02-20T09:00:00Z' });
      await file('vby', { unitId: 'vby', type: 'idea' });
      const closedId = await file('closed');
      const res = await t.http().post(`/api/cases/${closedId}/close`).set(admin).send({ resolution: 'withdrawn' }).expect(200);
      pos = position(res);
    });

    const list = async (query = '') =>
      (await t.http().get(`${V2}/requests.json?minPosition=${pos}${query}`).expect(200)).body.map(
        (r: { service_request_id: string }) => r.service_request_id,
      );

    it('defaults to the last 90 days, newest first', async () => {
      const all = await list();
      expect(all).toEqual(expect.arrayContaining([refs.recent, refs.vby, refs.closed]));
      expect(all).not.toContain(refs.old);
      expect(all.indexOf(refs.closed)).toBeLessThan(all.indexOf(refs.recent));
    });

    it('filters by start/end date (≤ 90 days), service_code and status; service_request_id overrides all', async () => {
      expect(await list('&start_date=2025-11-01T00:00:00Z&end_date=2025-12-01T00:00:00%2B01:00')).toEqual([refs.old]);
      expect(await list('&start_date=2025-11-20T10:00:00Z')).not.toContain(refs.old);
      expect(await list('&end_date=2026-02-21T00:00:00Z')).toEqual([refs.recent]); // 90 days back: 2025-11-23
      expect(await list('&end_date=2026-02-18T00:00:00Z')).toEqual([refs.old]);
      const tooLong = await t.http().get(`${V2}/requests.json?start_date=2025-11-01T00:00:00Z&end_date=2026-02-01T00:00:00Z`).expect(400);
      expect(tooLong.body).toEqual([{ code: 400, description: expect.stringMatching(/90 days/) }]);
      await t.http().get(`${V2}/requests.json?start_date=2026-02-01T00:00:00Z&end_date=2026-01-01T00:00:00Z`).expect(400);
      expect(await list('&service_code=vby.idea')).toEqual([refs.vby]);
      expect(await list('&service_code=vby.idea,vby.praise&status=open')).toEqual([refs.vby]);
      expect(await list('&service_code=hgb.opinion&status=closed')).toEqual([refs.closed]);
      expect(await list('&status=open&status=closed')).toContain(refs.closed);
      expect((await t.http().get(`${V2}/requests.json?status=pending`).expect(400)).body[0].description).toMatch(/^status/);
      expect((await t.http().get(`${V2}/requests.json?service_code=001`).expect(400)).body[0].description).toMatch(/^service_code/);
      const picked = await list(`&service_request_id=${refs.old},${refs.vby}&status=closed&service_code=hgb.praise`);
      expect(picked.sort()).toEqual([refs.old, refs.vby].sort());
      expect(await list('&service_request_id=2026-999999')).toEqual([]);
      await t.http().get(`${V2}/requests.json?service_request_id=1;DROP`).expect(400);
    });
  });

  describe('confidential and erased data never leak', () => {
    it('a confidential case does not exist for Open311: not by id, not in lists', async () => {
      const res = await t
        .http()
        .post('/api/cases')
        .set(intake)
        .send({
          type: 'complaint',
          channel: 'letter',
          unitId: 'hgb',
          description: 'Sekretessbelagd uppgift',
          confidential: true,
          submitter: { name: 'Sara Sekret' },
        })
        .expect(201);
      const ref = res.body.reference;
      expect((await t.http().get(`${V2}/requests/${ref}.json`).expect(404)).body).toEqual([
        { code: 404, description: `service_request_id ${ref} was not found` },
      ]);
      const byId = await t
        .http()
        .get(`${V2}/requests.json?service_request_id=${ref}&minPosition=${position(res)}`)
        .expect(200);
      expect(byId.body).toEqual([]);
      const all = await t
        .http()
        .get(`${V2}/requests.json?minPosition=${position(res)}`)
        .expect(200);
      expect(JSON.stringify(all.body)).not.toContain(ref);
      expect(JSON.stringify(all.body)).not.toMatch(/Sekret/);
    });

    it('reads an erased case (erase command, or a shredded key) without leaking or crashing', async () => {
      const filed = async (name: string) => {
        const res = await post(
          `api_key=${key}&service_code=hgb.opinion&description=Om+${name}s+barn&first_name=${name}&email=${name}%40example.se&lat=59.3&long=18.0&address_string=${name}vägen+1`,
        ).expect(201);
        const ref: string = res.body[0].service_request_id;
        return { ref, caseId: await caseIdOf(ref, position(res)) };
      };
      const erased = await filed('Erik');
      const res = await t
        .http()
        .post(`/api/cases/${erased.caseId}/erase-personal-data`)
        .set(admin)
        .send({ reason: 'GDPR art. 17' })
        .expect(200);
      const shredded = await filed('Stina');
      const store = t.app.get<EventStore>(EVENT_STORE) as EncryptingEventStore;
      await store.shred(shredded.caseId);
      expect((await t.http().get(`/api/cases/${shredded.caseId}`).set(admin).expect(200)).body.description).toEqual({ erased: true });

      const one = (await t.http().get(`${V2}/requests/${erased.ref}.json`).expect(200)).body[0];
      expect(one).toMatchObject({ status: 'open', description: null, address: null, lat: null, long: null });
      const other = (await t.http().get(`${V2}/requests/${shredded.ref}.json`).expect(200)).body[0];
      expect(other).toMatchObject({ status: 'open', description: null, address: null });
      const listed = (
        await t
          .http()
          .get(`${V2}/requests.json?minPosition=${position(res)}&service_request_id=${erased.ref},${shredded.ref}`)
          .expect(200)
      ).body;
      expect(listed).toHaveLength(2);
      const text = JSON.stringify([one, other, listed]);
      for (const secret of ['Erik', 'Stina', 'example.se', 'vägen', 'erased']) expect(text).not.toContain(secret);
    });
  });

  it('revoking a key with the CLI takes effect at once; list shows clients, never keys or hashes', async () => {
    const listed = JSON.parse((await cli('open311-key', 'list')).out);
    expect(listed).toEqual([{ clientId, name: 'Stadens e-tjänst', issuedAt: expect.any(String), status: 'active' }]);
    const stream = await t.app.get<EventStore>(EVENT_STORE).readStream(`open311-client-${clientId}`);
    expect(stream.map((e) => e.type)).toEqual(['ApiKeyIssued.v1']);
    expect(JSON.stringify(stream.map((e) => e.data))).not.toContain(key.split('.')[1]);
    expect(stream[0].data).toMatchObject({ keyHash: createHash('sha256').update(key).digest('hex') });
    await cli('open311-key', 'revoke', clientId, '--reason', 'avtalet upphört');
    expect((await post(`api_key=${key}&service_code=hgb.praise&description=Tack`).expect(403)).body[0].code).toBe(403);
    expect(JSON.parse((await cli('open311-key', 'list')).out)[0]).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
  });

  it('returns at most 1,000 requests', async () => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    let last = 0n;
    clock.set('2026-03-05T09:00:00Z');
    for (let i = 0; i < 1005; i++) {
      const caseId = randomUUID();
      const at = new Date(Date.parse('2026-03-05T08:00:00Z') - i * 60_000).toISOString();
      const result = await store.append(`case-${caseId}`, [
        {
          type: 'CaseRegistered.v1',
          data: {
            caseId,
            reference: `2026-9${String(i).padStart(5, '0')}`,
            type: 'praise',
            channel: 'web',
            unitId: 'vby',
            description: 'Tack',
            wantsReply: false,
            needsResponse: false,
            confidential: false,
            receivedAt: at,
            registeredAt: at,
            rules: { acknowledgeWorkingDays: 2, respondWorkingDays: 10 },
            acknowledgeBy: at,
            respondBy: at,
          },
        },
      ]);
      last = result.position;
    }
    const res = await t.http().get(`${V2}/requests.json?minPosition=${last}&service_code=vby.praise`).expect(200);
    expect(res.body).toHaveLength(1000);
    expect(res.body[0].service_request_id).toBe('2026-900000');
  });
});

describe('Open311 positions: only of requests filed through Open311, rounded to about 100 m, never after erasure, never stored', () => {
  let t: TestApp;
  let admin: H, intake: H;
  let key: string;
  const at = { lat: 59.3291234, long: 18.0685678 }; // the phone case's
  const filed = { lat: 59.3341876, long: -18.0632145 }; // the Open311 requests'
  const refs: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let pos = '0';
  let closed = false;

  const position = (res: { headers: Record<string, string> }) => res.headers['x-event-position'];
  const positionsOf = async (ref: string) => {
    const one = (await t.http().get(`${V2}/requests/${ref}.json`).expect(200)).body[0];
    const listed = (await t.http().get(`${V2}/requests.json?minPosition=${pos}&service_request_id=${ref}`).expect(200)).body;
    expect(listed).toHaveLength(1);
    return [one, listed[0]].map((r: { lat: unknown; long: unknown }) => ({ lat: r.lat, long: r.long }));
  };

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2026-03-02T09:00:00Z')) });
    admin = await t.as('admin');
    intake = await t.as('intake');
    await t.unit('hgb');
    let out = '';
    await buildProgram(
      { env: { DATA_DIR: t.dataDir, LOG_LEVEL: 'silent' }, out: (s) => (out += s), err: () => undefined },
      { exitOverride: true },
    ).parseAsync(['node', 'synpunkt', 'open311-key', 'create', '--name', 'Positionsklient']);
    key = out.trim();

    const phone = await t
      .http()
      .post('/api/cases')
      .set(intake)
      .send({
        type: 'complaint',
        channel: 'phone',
        unitId: 'hgb',
        description: 'Ringde om gungan',
        location: { address: 'Parkvägen 3', ...at },
      })
      .expect(201);
    refs.phone = phone.body.reference;
    for (const name of ['kept', 'erased']) {
      const res = await t
        .http()
        .post(`${V2}/requests.json`)
        .type('form')
        .send(`api_key=${encodeURIComponent(key)}&service_code=hgb.opinion&description=Gungan+${name}&lat=${filed.lat}&long=${filed.long}`)
        .expect(201);
      refs[name] = res.body[0].service_request_id;
      pos = position(res);
    }
    const cases = (await t.http().get(`/api/cases?minPosition=${pos}&pageSize=50`).set(admin).expect(200)).body.cases;
    for (const name of ['phone', 'kept', 'erased']) ids[name] = cases.find((c: { reference: string }) => c.reference === refs[name]).id;
  });
  afterAll(() => (closed ? undefined : t.close()));

  it('withholds the position of a case filed by phone, in the list and by id', async () => {
    expect(await positionsOf(refs.phone)).toEqual([
      { lat: null, long: null },
      { lat: null, long: null },
    ]);
  });

  it('shows the position of a request filed through Open311 rounded to three decimals, in the list and by id', async () => {
    const rounded = { lat: 59.334, long: -18.063 };
    expect(await positionsOf(refs.kept)).toEqual([rounded, rounded]);
  });

  it('withholds the position once the personal data is erased', async () => {
    const res = await t.http().post(`/api/cases/${ids.erased}/erase-personal-data`).set(admin).send({ reason: 'GDPR art. 17' }).expect(200);
    pos = position(res);
    expect(await positionsOf(refs.erased)).toEqual([
      { lat: null, long: null },
      { lat: null, long: null },
    ]);
  });

  it('leaves no position, rounded or not, as text or as a stored number, in the read models', async () => {
    await t.close();
    closed = true;
    checkpointAll(t.dataDir);
    const forms = [at.lat, at.long, filed.lat, filed.long, 59.329, 18.069, 59.334, -18.063].flatMap((n) => {
      const real = Buffer.alloc(8);
      real.writeDoubleBE(n); // how SQLite stores a REAL
      return [
        { bytes: Buffer.from(String(n)), text: true },
        { bytes: real, text: false },
      ];
    });
    // The log keeps the place sealed with the case's key; the read models are the files this checks.
    const readModels = [...filesUnder(t.dataDir)].filter(([path]) => /read-models/.test(path));
    expect(readModels.length).toBeGreaterThan(0);
    expect(
      readModels
        .filter(([, bytes]) => forms.some((f) => (f.text ? holdsOutsideTimes(bytes, f.bytes) : bytes.includes(f.bytes))))
        .map(([path]) => path),
    ).toEqual([]);
  });
});

/**
 * Whether `bytes` hold the text `form` other than as the seconds of a recorded time: "18.069" is also what
 * "2026-12-06T11:47:18.069Z" holds, one time in 60,000 (seen failing CI once), so a match right after "hh:mm:" does not
 * count; after anything else (`"lat":18.069` in JSON) it does.
 */
function holdsOutsideTimes(bytes: Buffer, form: Buffer): boolean {
  for (let at = bytes.indexOf(form); at >= 0; at = bytes.indexOf(form, at + 1)) {
    if (!/\d\d:\d\d:$/.test(bytes.subarray(Math.max(0, at - 6), at).toString('latin1'))) return true;
  }
  return false;
}

describe('the position scan', () => {
  it('finds a position in JSON or as text, and not as the seconds of a time', () => {
    const form = Buffer.from('18.069');
    expect(holdsOutsideTimes(Buffer.from('{"lat":59.329,"long":18.069}'), form)).toBe(true);
    expect(holdsOutsideTimes(Buffer.from('x18.069'), form)).toBe(true);
    expect(holdsOutsideTimes(Buffer.from('"2026-12-06T11:47:18.069Z"'), form)).toBe(false);
    expect(holdsOutsideTimes(Buffer.from('"2026-12-06T11:47:18.069Z" 18.069'), form)).toBe(true);
  });
});
