import type { Response } from 'supertest';
import { FixedClock } from '@app/core';
import { startTestApp, TestApp } from '../support/test-app';

const content = {
  title: 'Kvalitetsgaranti för Hägerstens gruppbostäder',
  intro: 'Du som bor hos oss ska känna dig trygg och delaktig.',
  commitments: [
    { id: 'kontaktman', text: 'Du får en kontaktman inom två veckor efter inflyttning.' },
    { text: 'Vi svarar på dina synpunkter inom fem arbetsdagar.', responseWorkingDays: 5 },
  ],
  remedy: 'Om vi inte håller vad vi lovar kontaktar enhetschefen dig inom en vecka för att rätta till det.',
  contact: { name: 'Anna Svensson, enhetschef', phone: '08-508 000 00', email: 'anna.svensson@stockholm.se' },
};

describe('the promise lifecycle over HTTP: draft → adopt → breach → confirm → remedy → complete', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2026-01-10T09:00:00Z'));
  let admin: { Authorization: string };
  let manager: { Authorization: string };
  let otherManager: { Authorization: string };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    admin = await t.as('admin');
    manager = await t.as('manager', ['hgb']);
    otherManager = await t.as('manager', ['annan-enhet']);
    await t
      .http()
      .post('/api/units')
      .set(admin)
      .send({ id: 'hgb', name: 'Hägerstens gruppbostäder', department: 'Social omsorg', district: 'Hägersten-Liljeholmen' })
      .expect(201);
  });
  afterAll(() => t.close());

  describe('walks the whole path, step by step', () => {
    let id: string;
    let confirmed: Response;
    let r1: Response;
    let r2: Response;
    let done: Response;

    it("the unit's manager drafts, once; another unit's manager may not", async () => {
      await t
        .http()
        .post('/api/guarantees')
        .set(otherManager)
        .send({ unitId: 'hgb', year: 2026, ...content })
        .expect(403);
      const draft = await t
        .http()
        .post('/api/guarantees')
        .set(manager)
        .send({ unitId: 'hgb', year: 2026, ...content })
        .expect(201);
      expect(draft.body).toMatchObject({ id: 'hgb-2026', status: 'draft', version: 1 });
      expect(draft.body.commitments.map((c: { id: string }) => c.id)).toEqual(['kontaktman', 'c1']);
      await t
        .http()
        .post('/api/guarantees')
        .set(manager)
        .send({ unitId: 'hgb', year: 2026, ...content })
        .expect(409);
    });

    it('a decision date that is no calendar date is refused, naming the field, and nothing is adopted', async () => {
      for (const decidedOn of ['2026-02-30', '2026-13-01', '9 januari']) {
        const bad = await t.http().post('/api/guarantees/hgb-2026/adopt').set(admin).send({ decidedOn, decisionRef: '§ 7' }).expect(400);
        expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['decidedOn']);
      }
    });

    it("only the admin adopts (the board's decision), and only a draft", async () => {
      await t.http().post('/api/guarantees/hgb-2026/adopt').set(manager).send({ decidedOn: '2026-01-09', decisionRef: '§ 7' }).expect(403);
      const adopted = await t
        .http()
        .post('/api/guarantees/hgb-2026/adopt')
        .set(admin)
        .send({ decidedOn: '2026-01-09', decisionRef: '§ 7, dnr 1.2-600/2026' })
        .expect(200);
      expect(adopted.body).toMatchObject({ status: 'adopted', inForce: { version: 1, from: '2026-01-09' } });
      const againAdopt = await t
        .http()
        .post('/api/guarantees/hgb-2026/adopt')
        .set(admin)
        .send({ decidedOn: '2026-01-09', decisionRef: 'x' })
        .expect(409);
      expect(againAdopt.body.code).toBe('not_a_draft');
    });

    it('a breach before the guarantee was in force, or of a commitment it lacks, is refused, saying why', async () => {
      clock.set('2026-02-03T10:00:00Z');
      const early = await t
        .http()
        .post('/api/breaches')
        .set(manager)
        .send({ guaranteeId: 'hgb-2026', commitmentId: 'c1', occurredAt: '2026-01-05T10:00:00+01:00', description: 'Sent svar' })
        .expect(409);
      expect(early.body).toMatchObject({ code: 'commitment_not_in_force', detail: expect.stringMatching(/2026-01-05/) });
      await t
        .http()
        .post('/api/breaches')
        .set(manager)
        .send({ guaranteeId: 'hgb-2026', commitmentId: 'nope', occurredAt: '2026-02-01T10:00:00+01:00', description: 'x' })
        .expect(409);
    });

    it('reports a breach of a commitment in force', async () => {
      const breach = await t
        .http()
        .post('/api/breaches')
        .set(manager)
        .send({
          guaranteeId: 'hgb-2026',
          commitmentId: 'c1',
          occurredAt: '2026-02-01T10:00:00+01:00',
          description: 'Svaret på min synpunkt dröjde tre veckor.',
        })
        .expect(201);
      expect(breach.body).toMatchObject({ status: 'reported', unitId: 'hgb', guaranteeVersion: 1, source: 'follow_up' });
      id = breach.body.id;
    });

    it('plans remedies only after confirmation; a due date must be a calendar date', async () => {
      const badDue = await t
        .http()
        .post(`/api/breaches/${id}/remedies`)
        .set(manager)
        .send({ action: 'Ring upp', responsible: 'Anna', dueOn: '2026-02-30' })
        .expect(400);
      expect(badDue.body.errors.map((e: { field: string }) => e.field)).toEqual(['dueOn']);
      const badAt = await t
        .http()
        .post(`/api/breaches/${id}/remedies`)
        .set(manager)
        .send({ action: 'Ring upp', responsible: 'Anna', dueOn: '2026-02-10', at: 'i förrgår' })
        .expect(400);
      expect(badAt.body.errors).toEqual([{ field: 'at', message: 'at must be an ISO 8601 instant' }]);
      await t
        .http()
        .post(`/api/breaches/${id}/remedies`)
        .set(manager)
        .send({ action: 'Ring upp', responsible: 'Anna', dueOn: '2026-02-10' })
        .expect(409);
    });

    it("the unit's manager confirms, once; another unit's manager may not", async () => {
      await t.http().post(`/api/breaches/${id}/confirm`).set(otherManager).send({}).expect(403);
      confirmed = await t.http().post(`/api/breaches/${id}/confirm`).set(manager).send({ note: 'Stämmer.' }).expect(200);
      expect(confirmed.body).toMatchObject({ status: 'confirmed', needsRemedy: true });
      await t.http().post(`/api/breaches/${id}/reject`).set(manager).send({ reason: 'sent' }).expect(409);
    });

    it('lists the confirmed breach as needing a remedy', async () => {
      const waiting = await t
        .http()
        .get(`/api/breaches?needsRemedy=true&minPosition=${confirmed.headers['x-event-position']}`)
        .set(manager)
        .expect(200);
      expect(waiting.body.breaches).toEqual([expect.objectContaining({ id, needsRemedy: true })]);
    });

    it('a planned remedy meets the need', async () => {
      r1 = await t
        .http()
        .post(`/api/breaches/${id}/remedies`)
        .set(manager)
        .send({ action: 'Enhetschefen ringer upp', responsible: 'Anna Svensson', dueOn: '2026-02-10' })
        .expect(201);
      expect(r1.body).toMatchObject({ status: 'planned', breachStatus: 'confirmed' });
      expect((await t.http().get(`/api/breaches/${id}`).set(manager).expect(200)).body.needsRemedy).toBe(false);
      const planned = await t
        .http()
        .get(`/api/breaches?needsRemedy=true&minPosition=${r1.headers['x-event-position']}`)
        .set(manager)
        .expect(200);
      expect(planned.body.breaches).toEqual([]);
    });

    it('a remedy is overdue after its due date', async () => {
      r2 = await t
        .http()
        .post(`/api/breaches/${id}/remedies`)
        .set(manager)
        .send({ action: 'Genomgång av rutiner', responsible: 'Anna Svensson', dueOn: '2026-02-05' })
        .expect(201);
      clock.set('2026-02-06T10:00:00Z');
      const overdue = await t
        .http()
        .get(`/api/breaches?overdueRemedies=true&minPosition=${r2.headers['x-event-position']}`)
        .set(manager)
        .expect(200);
      expect(overdue.body.breaches.map((b: { id: string }) => b.id)).toEqual([id]);
    });

    it('is remedied when every remedy is completed, each once', async () => {
      await t
        .http()
        .post(`/api/breaches/${id}/remedies/${r1.body.remedyId}/complete`)
        .set(manager)
        .send({ outcome: 'Samtal hållet', complainantInformed: true })
        .expect(200);
      done = await t
        .http()
        .post(`/api/breaches/${id}/remedies/${r2.body.remedyId}/complete`)
        .set(manager)
        .send({ outcome: 'Rutin uppdaterad', complainantInformed: false })
        .expect(200);
      expect(done.body.status).toBe('remedied');
      expect(done.body.remedies.every((r: { status: string }) => r.status === 'completed')).toBe(true);
      await t
        .http()
        .post(`/api/breaches/${id}/remedies/${r2.body.remedyId}/complete`)
        .set(manager)
        .send({ outcome: 'x', complainantInformed: true })
        .expect(409);
    });

    it("reads the breach with its revision for its unit's manager and an auditor, not for another unit's manager", async () => {
      const got = await t.http().get(`/api/breaches/${id}`).set(manager).expect(200);
      expect(got.headers.etag).toBe('"5"');
      expect(got.body).toMatchObject({ id, status: 'remedied', guaranteeId: 'hgb-2026', commitmentId: 'c1', unitId: 'hgb' });
      await t.http().get(`/api/breaches/${id}`).set(otherManager).expect(403);
      await t
        .http()
        .get(`/api/breaches/${id}`)
        .set(await t.as('auditor'))
        .expect(200);
    });

    it("lists breaches by unit, year and status; another unit's manager sees none", async () => {
      const listed = await t
        .http()
        .get(`/api/breaches?unitId=hgb&year=2026&status=remedied&minPosition=${done.headers['x-event-position']}`)
        .set(admin)
        .expect(200);
      expect(listed.body.breaches).toHaveLength(1);
      expect((await t.http().get('/api/breaches').set(otherManager).expect(200)).body.breaches).toEqual([]);
    });
  });

  it('revises: a new version supersedes the old from its decision date, and the old stays in history', async () => {
    clock.set('2026-05-10T10:00:00Z');
    const revised = await t
      .http()
      .post('/api/guarantees/hgb-2026/revise')
      .set(manager)
      .send({ ...content, commitments: [{ id: 'kontaktman', text: 'Kontaktman inom en vecka.' }] })
      .expect(200);
    expect(revised.body).toMatchObject({ status: 'draft', version: 2, inForce: { version: 1 } });
    const adopted = await t
      .http()
      .post('/api/guarantees/hgb-2026/adopt')
      .set(admin)
      .send({ decidedOn: '2026-05-10', decisionRef: '§ 12' })
      .expect(200);
    expect(adopted.body.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [1, 'superseded'],
      [2, 'adopted'],
    ]);
    // c1 existed only in version 1: a breach after 10 May is refused, one in March is accepted
    clock.set('2026-06-01T10:00:00Z');
    await t
      .http()
      .post('/api/breaches')
      .set(manager)
      .send({ guaranteeId: 'hgb-2026', commitmentId: 'c1', occurredAt: '2026-05-11T10:00:00+02:00', description: 'x' })
      .expect(409);
    const march = await t
      .http()
      .post('/api/breaches')
      .set(manager)
      .send({ guaranteeId: 'hgb-2026', commitmentId: 'c1', occurredAt: '2026-03-11T10:00:00+01:00', description: 'x' })
      .expect(201);
    expect(march.body.guaranteeVersion).toBe(1);
    const list = await t
      .http()
      .get(`/api/guarantees?unitId=hgb&year=2026&status=adopted&minPosition=${adopted.headers['x-event-position']}`)
      .set(await t.as('intake'))
      .expect(200);
    expect(list.body.guarantees).toEqual([expect.objectContaining({ id: 'hgb-2026', version: 2, inForceVersion: 2, status: 'adopted' })]);
  });

  it('withdraws, validates input and refuses a closed unit', async () => {
    const bad = await t
      .http()
      .post('/api/guarantees')
      .set(admin)
      .send({ unitId: 'hgb', year: 1999, title: '', commitments: [], remedy: 'r', contact: { name: 'n', email: 'not-an-email' } })
      .expect(400);
    const fields = bad.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['year', 'title', 'commitments', 'contact.email']));
    await t
      .http()
      .post('/api/guarantees')
      .set(admin)
      .send({ unitId: 'nowhere', year: 2026, ...content })
      .expect(404);
    await t
      .http()
      .post('/api/units')
      .set(admin)
      .send({ id: 'stangd', name: 'Stängd enhet', department: 'Förskola', district: 'D' })
      .expect(201);
    await t.http().post('/api/units/stangd/close').set(admin).send({}).expect(200);
    expect(
      (
        await t
          .http()
          .post('/api/guarantees')
          .set(admin)
          .send({ unitId: 'stangd', year: 2026, ...content })
          .expect(409)
      ).body.code,
    ).toBe('unit_closed');
    await t.http().post('/api/guarantees/hgb-2026/withdraw').set(manager).send({ reason: 'x' }).expect(403);
    const withdrawn = await t
      .http()
      .post('/api/guarantees/hgb-2026/withdraw')
      .set(admin)
      .send({ reason: 'Verksamheten upphör' })
      .expect(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    // withdrawn from today (1 June): no longer in force
    await t
      .http()
      .post('/api/breaches')
      .set(manager)
      .send({ guaranteeId: 'hgb-2026', commitmentId: 'kontaktman', occurredAt: '2026-06-01T09:00:00Z', description: 'x' })
      .expect(409);
    await t
      .http()
      .post('/api/breaches')
      .set(manager)
      .send({ guaranteeId: 'hgb-2026', commitmentId: 'kontaktman', occurredAt: '2026-05-31T09:00:00Z', description: 'x' })
      .expect(201);
  });

  it('shows an adopted guarantee as expired after its year', async () => {
    clock.set('2026-01-10T09:00:00Z');
    await t
      .http()
      .post('/api/units')
      .set(admin)
      .send({ id: 'fsk', name: 'Förskolan Solrosen', department: 'Förskola', district: 'D' })
      .expect(201);
    await t
      .http()
      .post('/api/guarantees')
      .set(admin)
      .send({ unitId: 'fsk', year: 2026, ...content })
      .expect(201);
    await t.http().post('/api/guarantees/fsk-2026/adopt').set(admin).send({ decidedOn: '2026-01-10', decisionRef: '§ 1' }).expect(200);
    clock.set('2027-01-02T09:00:00Z');
    expect((await t.http().get('/api/guarantees/fsk-2026').set(admin).expect(200)).body.status).toBe('expired');
    expect(
      (await t.http().get('/api/guarantees?status=expired').set(admin).expect(200)).body.guarantees.map((g: { id: string }) => g.id),
    ).toContain('fsk-2026');
  });
});
