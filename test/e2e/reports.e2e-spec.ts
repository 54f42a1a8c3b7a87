import ExcelJS from 'exceljs';
import { FixedClock } from '@app/core';
import { binary, startTestApp, TestApp } from '../support/test-app';

type H = { Authorization: string };

describe('follow-up and the yearly report over HTTP', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  let admin: H, intake: H, manager: H, auditor: H;
  let betweenBatches: string;
  let lastPosition = '0';

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
    const a = await register({ category: 'Mat' });
    await register({ type: 'praise', channel: 'phone' });
    clock.set('2026-03-03T09:00:00Z');
    await step(a.id, 'respond', { message: 'Svar', outcome: 'justified' });
    clock.set('2026-03-10T12:00:00Z');
    betweenBatches = clock.now().toISOString();
    // second batch, recorded later: another complaint and an idea at fsk
    clock.set('2026-03-11T09:00:00Z');
    const c = await register({ type: 'opinion' });
    await register({ type: 'idea', unitId: 'fsk' });
    clock.set('2026-03-12T09:00:00Z');
    await step(c.id, 'acknowledge', {});
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
      casesByCategory: { Mat: 1 },
      // acknowledged: complaint a (implicitly, 3 Mar, due 4 Mar: on time), praise (never, due 4 Mar: late), opinion (12 Mar, due 13 Mar: on time)
      acknowledgedOnTime: { count: 2, of: 3, share: 2 / 3 },
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
    await t.http().get('/api/reports/yearly?year=2026&asOf=2099-01-01T00:00:00Z').set(auditor).expect(400);
    await t.http().get('/api/reports/yearly?year=soon').set(auditor).expect(400);
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
    const hgb = lines.find((l) => l.startsWith('Hägerstens gruppbostäder'))!.split(';');
    expect(hgb[head.indexOf('Klagomål')]).toBe('1');
    expect(hgb[head.indexOf('Andel besvarade i tid')]).toBe('0,5');
    expect(lines[lines.length - 1].startsWith('Totalt;')).toBe(true);
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
  });

  it('gives a unit manager the unit follow-up with open and overdue lists, and no one else’s', async () => {
    const res = await t.http().get('/api/units/hgb/follow-up?year=2026').set(manager).expect(200);
    expect(res.body.unit).toMatchObject({ unitId: 'hgb', casesByType: { complaint: 1 } });
    expect(res.body.open).toHaveLength(3);
    expect(res.body.overdue.map((c: { type: string }) => c.type).sort()).toEqual(['opinion', 'praise']);
    await t.http().get('/api/units/fsk/follow-up?year=2026').set(manager).expect(403);
    const scoped = await t.http().get('/api/reports/yearly?year=2026').set(manager).expect(200);
    expect(scoped.body.units.map((u: { unitId: string }) => u.unitId)).toEqual(['hgb']);
    await t.http().get('/api/reports/yearly?year=2026').set(intake).expect(403);
  });
});
