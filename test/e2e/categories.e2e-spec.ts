import { randomUUID } from 'node:crypto';
import { FixedClock } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { startTestApp, TestApp } from '../support/test-app';

type H = { Authorization: string };

describe('categories: a managed list, mappings of old free text, re-categorising, year against year', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  let admin: H, intake: H, manager: H, otherManager: H;
  let position = '0';

  const register = async (over: object) => {
    const body = { type: 'complaint', channel: 'web', unitId: 'hgb', description: 'Maten var kall.', ...over };
    return t.http().post('/api/cases').set(intake).send(body);
  };
  /** A case registered before the list existed, with whatever text intake typed then. */
  const legacyCase = async (category: string, receivedAt: string) => {
    const caseId = randomUUID();
    const result = await t.app.get<EventStore>(EVENT_STORE).append(`case-${caseId}`, [
      {
        type: 'CaseRegistered.v1',
        data: {
          caseId,
          reference: `${receivedAt.slice(0, 4)}-9${caseId.slice(0, 5)}`,
          type: 'complaint',
          channel: 'letter',
          unitId: 'hgb',
          category,
          description: 'Gammal synpunkt',
          wantsReply: false,
          needsResponse: false,
          confidential: false,
          receivedAt,
          registeredAt: receivedAt,
          rules: { acknowledgeWorkingDays: 2, respondWorkingDays: 10 },
          acknowledgeBy: receivedAt,
          respondBy: receivedAt,
        },
      },
    ]);
    position = String(result.position);
    return caseId;
  };
  const report = async (query = '') =>
    (await t.http().get(`/api/reports/yearly?year=2026&minPosition=${position}${query}`).set(admin).expect(200)).body;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    [admin, intake, manager, otherManager] = [
      await t.as('admin'),
      await t.as('intake'),
      await t.as('manager', ['hgb']),
      await t.as('manager', ['fsk']),
    ];
    await t.unit('hgb', { name: 'Hägerstens gruppbostäder', department: 'Social omsorg', district: 'Hägersten-Liljeholmen' });
  });
  afterAll(() => t.close());

  it('has the default list until an administrator sets one', async () => {
    const res = await t.http().get('/api/categories').set(intake).expect(200);
    expect(res.body.set).toBe(false);
    expect(res.body.categories.map((c: { label: string }) => c.label)).toEqual([
      'Bemötande',
      'Information',
      'Tillgänglighet',
      'Kvalitet i verksamheten',
      'Handläggning och beslut',
      'Miljö och lokaler',
      'Mat och måltider',
      'Övrigt',
    ]);
    expect(res.body.mappings).toEqual({});
  });

  it('takes a category of the list at intake, by id or label, and refuses any other with a 400 naming category', async () => {
    const bad = await register({ category: 'Mat' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'category', message: expect.stringMatching(/mat-och-maltider/) }]);
    const byLabel = await register({ category: 'mat och MÅLTIDER' });
    expect(byLabel.status).toBe(201);
    expect(byLabel.body.category).toBe('mat-och-maltider');
    position = byLabel.headers['x-event-position'];
  });

  it('counts old free text under its own text until an administrator maps it; the cases keep what they recorded', async () => {
    const mat = await legacyCase('Mat', '2026-01-15T09:00:00Z');
    await legacyCase(' måltider', '2026-01-16T09:00:00Z');
    const before = await report();
    expect(before.totals.casesByCategory).toEqual({ 'mat-och-maltider': 1, Mat: 1, ' måltider': 1 });
    expect(before.unmappedCategories).toEqual([' måltider', 'Mat']);

    const refused = await t
      .http()
      .put('/api/categories')
      .set(admin)
      .send({ categories: [{ id: 'mat-och-maltider', label: 'Mat och måltider' }], mappings: { Mat: 'mat' } })
      .expect(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['mappings.Mat']);
    const current = (await t.http().get('/api/categories').set(admin).expect(200)).body;
    const put = await t
      .http()
      .put('/api/categories')
      .set(admin)
      .send({ categories: current.categories, mappings: { Mat: 'mat-och-maltider', Måltider: 'mat-och-maltider' } });
    expect(put.status).toBe(200);
    expect(put.headers.etag).toBe('"0"');
    expect(put.body).toMatchObject({ set: true, mappings: { Mat: 'mat-och-maltider' } });
    position = put.headers['x-event-position'];

    const after = await report();
    expect(after.totals.casesByCategory).toEqual({ 'mat-och-maltider': 3 });
    expect(after.totals.complaintsByCategory).toEqual({ 'mat-och-maltider': 3 });
    expect(after.unmappedCategories).toEqual([]);
    expect((await t.http().get(`/api/cases/${mat}`).set(admin).expect(200)).body.category).toBe('Mat');
  });

  it('lets the unit’s managers re-categorise a case: an event that moves the figures and no business clock', async () => {
    clock.set('2026-03-02T10:00:00Z');
    const created = await register({ category: 'ovrigt', receivedAt: '2026-02-25T09:00:00Z' });
    const id = created.body.id;
    clock.set('2026-03-05T10:00:00Z');
    await t.http().post(`/api/cases/${id}/recategorise`).set(otherManager).send({ category: 'bemotande' }).expect(403);
    const bad = await t.http().post(`/api/cases/${id}/recategorise`).set(manager).send({ category: 'Lokaler' }).expect(400);
    expect(bad.body.errors[0].field).toBe('category');
    const done = await t.http().post(`/api/cases/${id}/recategorise`).set(manager).send({ category: 'Bemötande' }).expect(200);
    expect(done.body.category).toBe('bemotande');
    expect(done.body.history.map((h: { type: string }) => h.type)).toEqual(['CaseRegistered', 'CaseRecategorised']);
    // a step dated before the re-categorisation (but after receipt) is still accepted
    const ack = await t.http().post(`/api/cases/${id}/acknowledge`).set(manager).send({ at: '2026-02-26T09:00:00Z' }).expect(200);
    position = ack.headers['x-event-position'];
    // the same category again records nothing
    const same = await t.http().post(`/api/cases/${id}/recategorise`).set(manager).send({ category: 'bemotande' }).expect(200);
    expect(same.body.history).toHaveLength(3);
    const r = await report();
    expect(r.totals.casesByCategory).toEqual({ 'mat-och-maltider': 3, bemotande: 1 });
    const listed = await t.http().get(`/api/cases?unitId=hgb&minPosition=${position}`).set(admin).expect(200);
    expect(listed.body.cases.find((c: { id: string }) => c.id === id).category).toBe('bemotande');
  });

  it('compares with the same period of the year before, on every row, and the follow-up shows the change', async () => {
    await legacyCase('Mat', '2025-02-10T09:00:00Z');
    await legacyCase('Mat', '2025-06-10T09:00:00Z'); // after 5 March: outside the period compared
    const r = await report('&compare=true');
    expect(r.previousPeriod).toEqual({ year: 2025, from: '2025-01-01', to: '2025-03-05' });
    expect(r.totals.previousYear.casesByCategory).toEqual({ 'mat-och-maltider': 1 });
    expect(r.units[0].previousYear.casesByType.complaint).toBe(1);
    expect(r.departments[0].previousYear.casesByType.complaint).toBe(1);
    const follow = await t.http().get(`/api/units/hgb/follow-up?year=2026&compare=true&minPosition=${position}`).set(manager).expect(200);
    expect(follow.body.previousPeriod.to).toBe('2025-03-05');
    expect(follow.body.change.complaints).toEqual({ previous: 1, current: 4, change: 3 });
    expect(follow.body.change.casesByCategory['mat-och-maltider']).toEqual({ previous: 1, current: 3, change: 2 });
    expect((await report()).totals.previousYear).toBeUndefined();
    // the year before, asked on its own, is over: the whole of it
    const whole = (await t.http().get(`/api/reports/yearly?year=2025&compare=true`).set(admin).expect(200)).body;
    expect(whole.previousPeriod).toEqual({ year: 2024, from: '2024-01-01', to: '2024-12-31' });
    expect(whole.totals.casesByCategory).toEqual({ 'mat-och-maltider': 2 });
  });

  it('never rewrites recorded cases: a category taken off the list keeps its cases and its label', async () => {
    const list = { categories: [{ id: 'mat-och-maltider', label: 'Mat och måltider' }], mappings: { Mat: 'mat-och-maltider' } };
    await t.http().put('/api/categories').set(admin).set('If-Match', '"5"').send(list).expect(412);
    const put = await t
      .http()
      .put('/api/categories')
      .set(admin)
      .set('If-Match', '"0"')
      .send({ categories: [{ id: 'mat-och-maltider', label: 'Mat och måltider' }], mappings: { Mat: 'mat-och-maltider' } })
      .expect(200);
    position = put.headers['x-event-position'];
    const r = await report();
    expect(r.totals.casesByCategory.bemotande).toBe(1);
    expect(r.categories).toEqual([
      { id: 'mat-och-maltider', label: 'Mat och måltider' },
      { id: 'bemotande', label: 'Bemötande', retired: true },
    ]);
    expect((await register({ category: 'bemotande' })).status).toBe(400);
  });
});
