import { ProjectionsHost } from '@app/platform';
import { startTestApp, TestApp } from '../support/test-app';

describe('a unit’s contact details', () => {
  let t: TestApp;
  let admin: { Authorization: string };
  const contact = { email: 'hgb@kommun.example', phone: '08-508 000 00', address: 'Box 1, 129 00 Hägersten', receiptText: 'Tack!' };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.as('admin');
    await t.unit('hgb');
  });
  afterAll(() => t.close());

  it('an admin sets them; the unit shows them as contact, and a new revision', async () => {
    const before = await t.http().get('/api/units/hgb').set(admin).expect(200);
    expect(before.body.contact).toEqual({});
    const res = await t.http().post('/api/units/hgb/contact').set(admin).send(contact).expect(200);
    expect(res.body.contact).toEqual(contact);
    const after = await t
      .http()
      .get('/api/units/hgb')
      .set(await t.as('intake'))
      .expect(200);
    expect(after.body.contact).toEqual(contact);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    // The units read model keeps the unit's revision too.
    await t.app.get(ProjectionsHost).waitFor(BigInt(res.headers['x-event-position']), 5000);
    const row = t.app.get(ProjectionsHost).readModels.get<{ revision: number }>('SELECT revision FROM units WHERE id = ?', 'hgb');
    expect(`"${row?.revision}"`).toBe(after.headers.etag);
  });

  it('the whole set replaces the earlier one', async () => {
    const res = await t.http().post('/api/units/hgb/contact').set(admin).send({ email: 'ny@kommun.example' }).expect(200);
    expect(res.body.contact).toEqual({ email: 'ny@kommun.example' });
  });

  it('refuses a bad e-mail and a bad phone number with 400, naming each field', async () => {
    const res = await t.http().post('/api/units/hgb/contact').set(admin).send({ email: 'inte en adress', phone: 'ring mig' }).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'phone']);
  });

  it('only an admin sets them; an unknown unit is 404; a stale If-Match is 412', async () => {
    await t
      .http()
      .post('/api/units/hgb/contact')
      .set(await t.as('manager', ['hgb']))
      .send(contact)
      .expect(403);
    await t.http().post('/api/units/nope/contact').set(admin).send(contact).expect(404);
    await t.http().post('/api/units/hgb/contact').set(admin).set('If-Match', '"0"').send(contact).expect(412);
  });
});
