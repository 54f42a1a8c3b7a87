import { FixedClock } from '@app/core';
import { guaranteeDraft, startTestApp, TestApp } from '../support/test-app';

type H = { Authorization: string };

/** Reads narrowed to one unit follow the "see" rule: auditors read every unit, though they act for none. */
describe('who reads the breaches of one unit', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2026-01-10T09:00:00Z'));
  let admin: H;
  let position: string;
  const breachOf = async (unitId: string): Promise<string> => {
    const res = await t
      .http()
      .post('/api/breaches')
      .set(admin)
      .send({ guaranteeId: `${unitId}-2026`, commitmentId: 'svar', occurredAt: '2026-02-01T10:00:00Z', description: 'Sent svar' })
      .expect(201);
    position = res.headers['x-event-position'];
    return res.body.id;
  };
  const list = (who: H, unitId: string) => t.http().get(`/api/breaches?unitId=${unitId}&minPosition=${position}`).set(who);

  let hgbBreach: string;
  beforeAll(async () => {
    t = await startTestApp({ clock });
    admin = await t.as('admin');
    for (const unit of ['hgb', 'fsk']) {
      await t.unit(unit);
      await t.http().post('/api/guarantees').set(admin).send(guaranteeDraft(unit)).expect(201);
      await t
        .http()
        .post(`/api/guarantees/${unit}-2026/adopt`)
        .set(admin)
        .send({ decidedOn: '2026-01-10', decisionRef: '§ 1' })
        .expect(200);
    }
    clock.set('2026-02-03T10:00:00Z');
    hgbBreach = await breachOf('hgb');
    await breachOf('fsk');
  });
  afterAll(() => t.close());

  it("an auditor holding no unit gets that unit's breaches, and only those", async () => {
    const auditor = await t.as('auditor', []);
    const listed = await list(auditor, 'hgb').expect(200);
    expect(listed.body.breaches.map((b: { id: string; unitId: string }) => [b.id, b.unitId])).toEqual([[hgbBreach, 'hgb']]);
  });

  it('an auditor holding no unit reads one breach of any unit', async () => {
    await t
      .http()
      .get(`/api/breaches/${hgbBreach}`)
      .set(await t.as('auditor', []))
      .expect(200);
  });

  it("the unit's manager gets them; a manager of another unit is refused (403), naming the unit", async () => {
    const own = await list(await t.as('manager', ['hgb']), 'hgb').expect(200);
    expect(own.body.breaches.map((b: { unitId: string }) => b.unitId)).toEqual(['hgb']);
    const other = await list(await t.as('manager', ['fsk']), 'hgb').expect(403);
    expect(other.body.detail).toMatch(/hgb/);
  });
});
