import ExcelJS from 'exceljs';
import { FixedClock } from '@app/core';
import { binary, startTestApp, TestApp } from '../support/test-app';

type H = { Authorization: string };

describe('follow-up and the yearly report over HTTP', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  let admin: H, intake: H, manager: H, auditor: H;
  let betweenBatches: string;
  let afterSecondBatch: string;
  let lastPosition = '0';
  /** What the live endpoints answered at an instant (path@instant), to compare with what `asOf` that instant answers later. */
  const seen: Record<string, unknown> = {};
  const live = async (path: string, as: H) => {
    const res = await t.http().get(`${path}&minPosition=${lastPosition}`).set(as).expect(200);
    seen[`${path}@${clock.now().toISOString()}`] = res.body;
  };

  const register = async (over: object) => {
    const res = await t
      .http()
      .post('/api/cases')
      .set(intake)
      .send({ type: 'complaint', channel: 'web', unitId: 'hgb', description: 'Synpunkt', submitter: { email: 'a@example.se' }, ...over })
      .expect(201);
    lastPosition = res.headers['x-event-position'];
    return res.body as { id: string };
  };
  const step = async (id: string, action: string, body: object) => {
    const res = await t.http().post(`/api/cases/${id}/${action}`).set(manager).send(body).expect(200);
    lastPosition = res.headers['x-event-position'];
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    [admin, intake, manager, auditor] = [await t.as('admin'), await t.as('intake'), await t.as('manager', ['hgb']), await t.as('auditor')];
    await t
      .http()
      .post('/api/units')
      .set(admin)
      .send({ id: 'hgb', name: 'Hägerstens gruppbostäder', department: 'Social omsorg', district: 'Hägersten-Liljeholmen' })
      .expect(201);
    await t
      .http()
      .post('/api/units')
      .set(admin)
      .send({ id: 'fsk', name: 'Förskolan Solrosen', department: 'Förskola', district: 'Hägersten-Liljeholmen' })
      .expect(201);
    // first batch: two complaints, one answered on time and justified
    const a = await register({ category: 'mat-och-maltider' });
    const praise = await register({ type: 'praise', channel: 'phone' });
    clock.set('2026-03-03T09:00:00Z');
    await step(a.id, 'respond', { message: 'Svar', outcome: 'justified' });
    clock.set('2026-03-10T12:00:00Z');
    betweenBatches = clock.now().toISOString();
    await live('/api/units/hgb/follow-up?year=2026', manager);
    await live('/api/reports/yearly?year=2026', auditor);
    // second batch, recorded later: another complaint and an idea at fsk
    clock.set('2026-03-11T09:00:00Z');
    const c = await register({ type: 'opinion' });
    await register({ type: 'idea', unitId: 'fsk' });
    clock.set('2026-03-12T09:00:00Z');
    await step(c.id, 'acknowledge', {});
    clock.set('2026-03-15T12:00:00Z');
    afterSecondBatch = clock.now().toISOString();
    await live('/api/reports/yearly?year=2026', auditor);
    await live('/api/reports/yearly?year=2025', auditor);
    // third batch, recorded on 20 March but entered in business time: the praise's acknowledgement sent on 4 March
    // (on time: due end of 4 March), and a letter that reached the city on 29 December 2025 (a 2025 case, registered in 2026)
    clock.set('2026-03-20T09:00:00Z');
    await step(praise.id, 'acknowledge', { at: '2026-03-04T08:00:00Z' });
    // intake may name a category of the list by its label: the case records its id
    await register({ channel: 'letter', receivedAt: '2025-12-29T10:00:00Z', category: 'Miljö och lokaler' });
    clock.set('2026-03-31T12:00:00Z');
  });
  afterAll(() => t.close());

  it('answers the yearly report as JSON with shares in [0, 1] or null', async () => {
    const res = await t.http().get(`/api/reports/yearly?year=2026&minPosition=${lastPosition}`).set(admin).expect(200);
    const hgb = res.body.units.find((u: { unitId: string }) => u.unitId === 'hgb');
    expect(hgb).toMatchObject({
      unitName: 'Hägerstens gruppbostäder',
      department: 'Social omsorg',
      casesByType: { complaint: 1, opinion: 1, praise: 1, idea: 0 },
      casesByChannel: { web: 2, phone: 1 },
      casesByCategory: { 'mat-och-maltider': 1 },
      // acknowledged: complaint a (implicitly, 3 Mar, due 4 Mar: on time), praise (4 Mar in business time, recorded 20 Mar: on time),
      // opinion (12 Mar, due 13 Mar: on time). The 2025 letter is not a 2026 case.
      acknowledgedOnTime: { count: 3, of: 3, share: 1 },
      // need a response: complaint a (on time), opinion (due 25 Mar, not answered: late)
      respondedOnTime: { count: 1, of: 2, share: 0.5 },
      medianResponseWorkingDays: 1,
      openAtYearEnd: 3,
      complaintsJustifiedShare: 1,
      commitments: 0,
      fulfilment: null,
    });
    expect(res.body.totals.casesByType).toEqual({ complaint: 1, opinion: 1, praise: 1, idea: 1 });
    expect(res.body.departments).toHaveLength(2);
  });

  it('as of an instant between two batches equals the figures of the first batch alone', async () => {
    const past = await t.http().get(`/api/reports/yearly?year=2026&asOf=${betweenBatches}`).set(auditor).expect(200);
    expect(past.body.asOf).toBe(betweenBatches);
    const hgb = past.body.units.find((u: { unitId: string }) => u.unitId === 'hgb');
    expect(hgb).toMatchObject({
      casesByType: { complaint: 1, opinion: 0, praise: 1, idea: 0 },
      acknowledgedOnTime: { count: 1, of: 2, share: 0.5 },
      respondedOnTime: { count: 1, of: 1, share: 1 },
    });
    expect(past.body.totals.casesByType.idea).toBe(0);
    expect(past.body).toEqual(seen[`/api/reports/yearly?year=2026@${betweenBatches}`]);
    const future = await t.http().get('/api/reports/yearly?year=2026&asOf=2099-01-01T00:00:00Z').set(auditor).expect(400);
    expect(future.body.errors).toEqual([{ field: 'asOf', message: 'cannot be in the future' }]);
    await t.http().get('/api/reports/yearly?year=soon').set(auditor).expect(400);
  });

  it('gives the unit follow-up as of an instant between two batches: the figures and lists of the first batch alone', async () => {
    const past = await t.http().get(`/api/units/hgb/follow-up?year=2026&asOf=${betweenBatches}`).set(manager).expect(200);
    expect(past.body).toEqual(seen[`/api/units/hgb/follow-up?year=2026@${betweenBatches}`]);
    expect(past.body).toMatchObject({
      asOf: betweenBatches,
      unit: {
        casesByType: { complaint: 1, opinion: 0, praise: 1, idea: 0 },
        acknowledgedOnTime: { count: 1, of: 2, share: 0.5 },
        respondedOnTime: { count: 1, of: 1, share: 1 },
      },
    });
    expect(past.body.open).toHaveLength(2);
    expect(past.body.overdue.map((c: { type: string }) => c.type)).toEqual(['praise']);
    const future = await t.http().get('/api/units/hgb/follow-up?year=2026&asOf=2099-01-01T00:00:00Z').set(manager).expect(400);
    expect(future.body.errors).toEqual([{ field: 'asOf', message: 'cannot be in the future' }]);
  });

  it('counts entries made late by business time, and the report as of before they were recorded does not contain them', async () => {
    // live: the praise acknowledged on 4 March (recorded 20 March) is on time; the letter of 29 December 2025 is a 2025 case
    const now2026 = await t.http().get('/api/reports/yearly?year=2026').set(auditor).expect(200);
    const hgb2026 = now2026.body.units.find((u: { unitId: string }) => u.unitId === 'hgb');
    expect(hgb2026).toMatchObject({
      casesByType: { complaint: 1 },
      acknowledgedOnTime: { count: 3, of: 3 },
      casesByCategory: { 'mat-och-maltider': 1 },
    });
    const now2025 = await t.http().get('/api/reports/yearly?year=2025').set(auditor).expect(200);
    expect(now2025.body.units.find((u: { unitId: string }) => u.unitId === 'hgb')).toMatchObject({
      casesByType: { complaint: 1, opinion: 0, praise: 0, idea: 0 },
      casesByChannel: { letter: 1 },
      casesByCategory: { 'miljo-och-lokaler': 1 },
      // ack by 2 Jan 2026 and respond by 15 Jan 2026 (10 working days after 29 Dec, past nyårsafton, nyårsdagen and trettondagen):
      // both passed before it was even registered, and it is still open
      acknowledgedOnTime: { count: 0, of: 1, share: 0 },
      respondedOnTime: { count: 0, of: 1, share: 0 },
      openAtYearEnd: 1,
    });
    // as of 15 March (before the third batch was recorded): the praise was unacknowledged and late, and there was no 2025 case
    const past2026 = await t.http().get(`/api/reports/yearly?year=2026&asOf=${afterSecondBatch}`).set(auditor).expect(200);
    expect(past2026.body).toEqual(seen[`/api/reports/yearly?year=2026@${afterSecondBatch}`]);
    expect(past2026.body.units.find((u: { unitId: string }) => u.unitId === 'hgb').acknowledgedOnTime).toEqual({
      count: 2,
      of: 3,
      share: 2 / 3,
    });
    const past2025 = await t.http().get(`/api/reports/yearly?year=2025&asOf=${afterSecondBatch}`).set(auditor).expect(200);
    expect(past2025.body).toEqual(seen[`/api/reports/yearly?year=2025@${afterSecondBatch}`]);
    expect(past2025.body.totals).toMatchObject({ casesByType: { complaint: 0 }, casesByCategory: {}, acknowledgedOnTime: { of: 0 } });
  });

  it('exports CSV with a BOM, semicolons and Swedish headings', async () => {
    const res = await t
      .http()
      .get('/api/reports/yearly?year=2026')
      .set(admin)
      .set('Accept', 'text/csv')
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = body.toString('utf8').slice(1).trim().split('\r\n');
    const head = lines[0].split(';');
    expect(head.slice(0, 5)).toEqual(['Enhet', 'Avdelning', 'Stadsdel', 'Klagomål', 'Synpunkter']);
    expect(head).toContain('Andel kvitterade i tid');
    // cases by category: every category of the list, in its order, then those without; then complaints and the justified share
    const categories = head.slice(head.indexOf('Kanal: E-tjänst (Open311)') + 1, head.indexOf('Kvitterade i tid'));
    expect(categories.slice(0, 9)).toEqual([
      'Kategori: Bemötande',
      'Kategori: Information',
      'Kategori: Tillgänglighet',
      'Kategori: Kvalitet i verksamheten',
      'Kategori: Handläggning och beslut',
      'Kategori: Miljö och lokaler',
      'Kategori: Mat och måltider',
      'Kategori: Övrigt',
      'Utan kategori',
    ]);
    expect(categories).toContain('Andel befogade klagomål: Mat och måltider');
    const hgb = lines.find((l) => l.startsWith('Hägerstens gruppbostäder'))!.split(';');
    expect(hgb[head.indexOf('Klagomål')]).toBe('1');
    expect(hgb[head.indexOf('Andel besvarade i tid')]).toBe('0,5');
    expect([hgb[head.indexOf('Kategori: Mat och måltider')], hgb[head.indexOf('Utan kategori')]]).toEqual(['1', '2']);
    expect(hgb[head.indexOf('Andel befogade klagomål: Mat och måltider')]).toBe('1');
    const total = lines[lines.length - 1].split(';');
    expect(total[0]).toBe('Totalt');
    expect([total[head.indexOf('Kategori: Mat och måltider')], total[head.indexOf('Utan kategori')]]).toEqual(['1', '3']);
  });

  it('exports XLSX with one sheet per level, numbers as numbers and shares as percentages', async () => {
    const res = await t
      .http()
      .get('/api/reports/yearly?year=2026')
      .set(admin)
      .set('Accept', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .buffer(true)
      .parse(binary)
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Enheter', 'Avdelningar', 'Stadsdelar', 'Totalt']);
    const units = wb.getWorksheet('Enheter')!;
    const head = (units.getRow(2).values as unknown[]).slice(1);
    const row = [3, 4].map((r) => units.getRow(r)).find((r) => r.getCell(1).value === 'Hägerstens gruppbostäder')!;
    const col = (h: string) => head.indexOf(h) + 1;
    expect(row.getCell(col('Klagomål')).value).toBe(1);
    expect(row.getCell(col('Andel besvarade i tid')).value).toBe(0.5);
    expect(units.getColumn(col('Andel besvarade i tid')).numFmt).toBe('0.0%');
    expect([row.getCell(col('Kategori: Mat och måltider')).value, row.getCell(col('Utan kategori')).value]).toEqual([1, 2]);
    const totals = wb.getWorksheet('Totalt')!;
    const totalHead = (totals.getRow(2).values as unknown[]).slice(1);
    expect(totals.getRow(3).getCell(totalHead.indexOf('Kategori: Mat och måltider') + 1).value).toBe(1);
  });

  it('gives a unit manager the unit follow-up with open and overdue lists, and no one else’s', async () => {
    const res = await t.http().get('/api/units/hgb/follow-up?year=2026').set(manager).expect(200);
    expect(res.body.unit).toMatchObject({ unitId: 'hgb', casesByType: { complaint: 1 } });
    // open: complaint a, praise, opinion and the 2025 letter (open cases of any year); overdue: the opinion (respond by 25 Mar)
    // and the 2025 letter (both steps); the praise was acknowledged on time, if recorded late
    expect(res.body.open).toHaveLength(4);
    expect(res.body.overdue.map((c: { type: string }) => c.type).sort()).toEqual(['complaint', 'opinion']);
    await t.http().get('/api/units/fsk/follow-up?year=2026').set(manager).expect(403);
    const scoped = await t.http().get('/api/reports/yearly?year=2026').set(manager).expect(200);
    expect(scoped.body.units.map((u: { unitId: string }) => u.unitId)).toEqual(['hgb']);
    await t.http().get('/api/reports/yearly?year=2026').set(intake).expect(403);
  });
});
