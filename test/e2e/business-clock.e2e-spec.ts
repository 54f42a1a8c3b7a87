import { FixedClock } from '@app/core';
import { guaranteeDraft, startTestApp, TestApp } from '../support/test-app';

type H = { Authorization: string };

/** DOMAIN.md "Two clocks": only steps people take move a case's business clock; what the system records never does. */
describe('a late letter that names a commitment, handled afterwards in business time', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2026-03-13T09:00:00Z')); // Friday
  let admin: H, intake: H, manager: H;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    admin = await t.as('admin');
    intake = await t.as('intake');
    manager = await t.as('manager', ['hgb']);
    await t.unit('hgb');
    await t.unit('fsk');
    await t.http().post('/api/guarantees').set(admin).send(guaranteeDraft('hgb')).expect(201);
    await t.http().post('/api/guarantees/hgb-2026/adopt').set(admin).send({ decidedOn: '2026-01-15', decisionRef: '§ 3' }).expect(200);
  });
  afterAll(() => t.close());

  it('takes back-dated steps after the system linked its breach, and the yearly figures use their business times', async () => {
    const { body: c } = await t
      .http()
      .post('/api/cases')
      .set(intake)
      .send({
        type: 'complaint',
        channel: 'letter',
        unitId: 'hgb',
        receivedAt: '2026-03-09T08:00:00Z', // Monday: it waited four days for registration
        description: 'Ingen ringde tillbaka.',
        submitter: { name: 'Eva Ek', email: 'eva.ek@example.se' },
        guaranteeId: 'hgb-2026',
        commitmentId: 'svar',
      })
      .expect(201);
    expect(c).toMatchObject({ acknowledgeBy: '2026-03-11T22:59:59.999Z', respondBy: '2026-03-16T22:59:59.999Z' });

    // The process manager links the breach, at the moment it records it (today).
    let linked: { breachId?: string } = {};
    for (let i = 0; i < 200 && !linked.breachId; i++) {
      linked = (await t.http().get(`/api/cases/${c.id}`).set(manager).expect(200)).body;
      if (!linked.breachId) await new Promise((r) => setTimeout(r, 10));
    }
    expect(linked.breachId).toBeDefined();

    // The manager then enters last week's paper trail.
    clock.set('2026-03-13T10:00:00Z');
    await t.http().post(`/api/cases/${c.id}/acknowledge`).set(manager).send({ at: '2026-03-10T09:00:00Z' }).expect(200);
    await t
      .http()
      .post(`/api/cases/${c.id}/respond`)
      .set(manager)
      .send({ message: 'Vi beklagar.', outcome: 'justified', at: '2026-03-12T14:00:00Z' })
      .expect(200);
    const closed = await t
      .http()
      .post(`/api/cases/${c.id}/close`)
      .set(manager)
      .send({ resolution: 'resolved', at: '2026-03-12T15:00:00Z' })
      .expect(200);
    expect(closed.body).toMatchObject({ acknowledgedAt: '2026-03-10T09:00:00.000Z', respondedAt: '2026-03-12T14:00:00.000Z' });
    const history = closed.body.history as { type: string; at: string; recordedAt?: string }[];
    expect(history.map((h) => h.type)).toEqual(['CaseRegistered', 'CaseBreachLinked', 'CaseAcknowledged', 'CaseResponded', 'CaseClosed']);
    expect(history[1]).toMatchObject({ at: '2026-03-13T09:00:00.000Z', recordedAt: '2026-03-13T09:00:00.000Z' });
    expect(history[2]).toMatchObject({ at: '2026-03-10T09:00:00.000Z', recordedAt: '2026-03-13T10:00:00.000Z' });

    // A step may still not be dated before the previous step.
    await t.http().post(`/api/cases/${c.id}/reopen`).set(manager).send({ reason: 'Ny uppgift', at: '2026-03-11T09:00:00Z' }).expect(400);

    // The breach the case raised is handled in business time too.
    const breach = `/api/breaches/${linked.breachId}`;
    await t.http().post(`${breach}/confirm`).set(manager).send({ at: '2026-03-10T10:00:00Z' }).expect(200);
    const { body: remedy } = await t
      .http()
      .post(`${breach}/remedies`)
      .set(manager)
      .send({ action: 'Ringer upp', responsible: 'Enhetschef', dueOn: '2026-03-12', at: '2026-03-10T11:00:00Z' })
      .expect(201);
    const done = await t
      .http()
      .post(`${breach}/remedies/${remedy.remedyId}/complete`)
      .set(manager)
      .send({ completedAt: '2026-03-11T11:00:00Z', outcome: 'Uppringd', complainantInformed: true })
      .expect(200);

    const position = done.header['x-event-position'];
    const report = await t.http().get(`/api/reports/yearly?year=2026&minPosition=${position}`).set(admin).expect(200);
    expect(report.body.units.find((u: { unitId: string }) => u.unitId === 'hgb')).toMatchObject({
      acknowledgedOnTime: { count: 1, of: 1 },
      respondedOnTime: { count: 1, of: 1 },
      medianResponseWorkingDays: 3, // Tue, Wed, Thu after the Monday of receipt
      openAtYearEnd: 0,
      breaches: { reported: 1, confirmed: 1 },
      remedies: { planned: 1, completed: 1, completedOnTime: 1 },
    });
  });

  it("names a case on a breach only if the case belongs to the breach's unit", async () => {
    const { body: elsewhere } = await t
      .http()
      .post('/api/cases')
      .set(intake)
      .send({ type: 'complaint', channel: 'web', unitId: 'fsk', description: 'Annan enhet.' })
      .expect(201);
    const breach = { guaranteeId: 'hgb-2026', commitmentId: 'svar', occurredAt: '2026-03-09T08:00:00Z', description: 'x' };
    const refused = await t
      .http()
      .post('/api/breaches')
      .set(admin)
      .send({ ...breach, caseId: elsewhere.id })
      .expect(409);
    expect(refused.body.code).toBe('case_of_other_unit');
    const unknown = await t
      .http()
      .post('/api/breaches')
      .set(admin)
      .send({ ...breach, caseId: 'no-such-case' })
      .expect(400);
    expect(unknown.body.errors.map((e: { field: string }) => e.field)).toEqual(['caseId']);
    await t.http().post(`/api/cases/${elsewhere.id}/transfer`).set(intake).send({ toUnitId: 'hgb', reason: 'Rätt enhet' }).expect(200);
    await t
      .http()
      .post('/api/breaches')
      .set(manager)
      .send({ ...breach, caseId: elsewhere.id })
      .expect(201);
  });
});
