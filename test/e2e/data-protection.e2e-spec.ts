import { startTestApp, TestApp } from '../support/test-app';

type H = { Authorization: string };

describe('data protection over HTTP: rectification, extract, erasure', () => {
  let t: TestApp;
  let admin: H, intake: H, manager: H, otherManager: H;
  const register = () =>
    t.complaint({
      channel: 'phone',
      submitter: { name: 'Eva Ek', email: 'eva.ek@example.se' },
      location: { address: 'Storgatan 1', lat: 59.3, long: 18.05 },
    });

  beforeAll(async () => {
    // The receipt AUTO_RECEIPT queues at registration is on the case's stream too: tested in outbox.e2e-spec.ts.
    t = await startTestApp({ env: { AUTO_RECEIPT: 'false' } });
    admin = await t.as('admin');
    intake = await t.as('intake');
    manager = await t.as('manager', ['hgb']);
    otherManager = await t.as('manager', ['fsk']);
    await t.unit('hgb');
  });
  afterAll(() => t.close());

  it('a unit manager rectifies contact details; others may not; bad details are a 400 naming the field', async () => {
    const c = await register();
    const rectify = (who: H, submitter: object) => t.http().post(`/api/cases/${c.id}/rectify-submitter`).set(who).send({ submitter });
    await rectify(intake, { email: 'ny@example.se' }).expect(403);
    await rectify(otherManager, { email: 'ny@example.se' }).expect(403);
    const bad = await rectify(manager, { email: 'inte en adress' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['submitter.email']);
    const noContact = await rectify(manager, { name: 'Eva' }).expect(400);
    expect(noContact.body.errors.map((e: { field: string }) => e.field)).toEqual(['submitter']);
    const done = await rectify(manager, { name: 'Eva Ek-Berg', email: 'eva.berg@example.se' }).expect(200);
    expect(done.body.history.map((h: { type: string }) => h.type)).toEqual(['CaseRegistered', 'SubmitterRectified']);
    const read = await t.http().get(`/api/cases/${c.id}`).set(manager).expect(200);
    expect(read.body.submitter).toEqual({ name: 'Eva Ek-Berg', email: 'eva.berg@example.se' });
  });

  it('the extract is for admins, lists each value with its source, and is logged as a disclosure', async () => {
    const c = await register();
    await t.http().post(`/api/cases/${c.id}/close`).set(manager).send({ resolution: 'withdrawn', note: 'Eva drog tillbaka' }).expect(200);
    await t.http().get(`/api/cases/${c.id}/personal-data`).set(manager).expect(403);
    const { body } = await t.http().get(`/api/cases/${c.id}/personal-data`).set(admin).expect(200);
    expect(body).toMatchObject({ caseId: c.id, reference: c.reference, erased: false });
    expect(body.values).toEqual([
      expect.objectContaining({ field: 'description', value: 'Maten var kall.', source: expect.objectContaining({ revision: 0 }) }),
      expect.objectContaining({ field: 'submitter', value: { name: 'Eva Ek', email: 'eva.ek@example.se' } }),
      expect.objectContaining({ field: 'location', value: { address: 'Storgatan 1', lat: 59.3, long: 18.05 } }),
      expect.objectContaining({ field: 'note', value: 'Eva drog tillbaka', source: expect.objectContaining({ type: 'CaseClosed.v1' }) }),
    ]);
    const { body: log } = await t.http().get('/api/audit/disclosures').set(admin).expect(200);
    expect(log.disclosures.filter((d: { caseId: string }) => d.caseId === c.id)).toEqual([
      expect.objectContaining({ purpose: 'extract', reader: expect.objectContaining({ sub: expect.any(String) }) }),
    ]);
  });

  it('erasure answers with every personal field erased, the place too, and refuses new text about the case', async () => {
    const c = await register();
    const { body } = await t
      .http()
      .post(`/api/cases/${c.id}/erase-personal-data`)
      .set(admin)
      .send({ reason: 'GDPR art. 17, dnr 2026/5' })
      .expect(200);
    expect(body).toMatchObject({ description: { erased: true }, submitter: { erased: true }, location: { erased: true } });
    expect(JSON.stringify(body)).not.toMatch(/Storgatan|59\.3|Eva/);
    const refused = await t.http().post(`/api/cases/${c.id}/delay-notice`).set(manager).send({ reason: 'Sjukdom' }).expect(409);
    expect(refused.body.code).toBe('personal_data_erased');
    await t.http().post(`/api/cases/${c.id}/acknowledge`).set(manager).send({}).expect(200); // a step without text still goes in
    const extract = await t.http().get(`/api/cases/${c.id}/personal-data`).set(admin).expect(200);
    expect(extract.body).toMatchObject({ erased: true });
    expect(extract.body.values.every((v: { value: unknown }) => JSON.stringify(v.value) === '{"erased":true}')).toBe(true);
  });
});
