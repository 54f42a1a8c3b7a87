import JSZip from 'jszip';
import { FixedClock } from '@app/core';
import { binary, guaranteeDraft, startTestApp, TestApp } from '../support/test-app';

type H = { Authorization: string };
type Figures = { casesByType: Record<string, number>; casesByCategory: Record<string, number>; [k: string]: unknown };

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const entities = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
const texts = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => entities(m[1])).join('');

/** The document's text, and its tables as rows of cell texts (word/document.xml, unzipped). */
async function openDocx(body: Buffer) {
  const zip = await JSZip.loadAsync(body);
  const xml = await zip.file('word/document.xml')!.async('string');
  const styles = await zip.file('word/styles.xml')!.async('string');
  const rows = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((tr) =>
    [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) => texts(tc[0])),
  );
  return { xml, styles, text: texts(xml), row: (first: string) => rows.find((r) => r[0] === first) };
}

const total = (f: Figures) => Object.values(f.casesByType).reduce((a, b) => a + b, 0);
const pct = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)} %`);
const sign = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');
const published = (n: number) => (n > 0 && n < 5 ? 'färre än 5' : String(n));

describe('the verksamhetsberättelse draft as a Word document', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2026-03-31T12:00:00Z'));
  let admin: H, intake: H, manager: H;
  let position = '0';
  const ids: string[] = [];
  const get = async (path: string, as: H) => {
    const res = await t.http().get(`${path}&minPosition=${position}`).set(as).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe(DOCX);
    return res;
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    [admin, intake, manager] = [await t.as('admin'), await t.as('intake'), await t.as('manager', ['hgb'])];
    await t.unit('hgb', { name: 'Hägerstens gruppbostäder', department: 'Social omsorg', district: 'Hägersten-Liljeholmen' });
    await t.unit('fsk', { name: 'Förskolan Solrosen', department: 'Förskola', district: 'Hägersten-Liljeholmen' });
    const register = async (category: string, receivedAt: string, over: object = {}) => {
      const body = { type: 'complaint', channel: 'web', unitId: 'hgb', category, description: 'Synpunkt', receivedAt, ...over };
      const res = await t.http().post('/api/cases').set(intake).send(body).expect(201);
      position = res.headers['x-event-position'];
      return res.body.id as string;
    };
    // 2025, 1 January – 31 March: mat-och-maltider 6, bemotande 2 (and one after the period, left out)
    for (let i = 0; i < 6; i++) await register('mat-och-maltider', `2025-02-0${3 + i}T09:00:00Z`);
    for (let i = 0; i < 2; i++) await register('bemotande', `2025-03-1${i}T09:00:00Z`);
    await register('bemotande', '2025-05-12T09:00:00Z');
    // 2026: mat-och-maltider 7 (two responded in time, one justified), bemotande 1, an idea at fsk
    for (let i = 0; i < 7; i++)
      ids.push(await register('mat-och-maltider', `2026-03-0${2 + i}T09:00:00Z`, { submitter: { email: 'a@example.se' } }));
    await register('bemotande', '2026-03-10T09:00:00Z');
    await register('information', '2026-03-10T09:00:00Z', { type: 'idea', unitId: 'fsk' });
    for (const [id, outcome] of [
      [ids[0], 'justified'],
      [ids[1], 'unjustified'],
    ]) {
      await t
        .http()
        .post(`/api/cases/${id}/respond`)
        .set(manager)
        .send({ message: 'Svar', outcome, at: '2026-03-05T09:00:00Z' })
        .expect(200);
    }
    // a guarantee with one commitment, broken once, with its rättelse done
    await t.http().post('/api/guarantees').set(manager).send(guaranteeDraft('hgb')).expect(201);
    await t.http().post('/api/guarantees/hgb-2026/adopt').set(admin).send({ decidedOn: '2026-01-02', decisionRef: '§ 4' }).expect(200);
    const breach = await t
      .http()
      .post('/api/breaches')
      .set(manager)
      .send({ guaranteeId: 'hgb-2026', commitmentId: 'svar', occurredAt: '2026-02-02T10:00:00Z', description: 'Svaret dröjde' })
      .expect(201);
    await t.http().post(`/api/breaches/${breach.body.id}/confirm`).set(manager).send({ at: '2026-02-03T10:00:00Z' }).expect(200);
    const remedy = await t
      .http()
      .post(`/api/breaches/${breach.body.id}/remedies`)
      .set(manager)
      .send({ action: 'Ring upp', responsible: 'Enhetschef', dueOn: '2026-02-20', at: '2026-02-04T10:00:00Z' })
      .expect(201);
    const done = await t
      .http()
      .post(`/api/breaches/${breach.body.id}/remedies/${remedy.body.remedyId}/complete`)
      .set(manager)
      .send({ completedAt: '2026-02-18T10:00:00Z', outcome: 'Uppringd', complainantInformed: true });
    expect(done.body).toMatchObject({ status: 'remedied' });
    position = done.headers['x-event-position'];
  });
  afterAll(() => t.close());

  it('holds the unit’s figures of the report API, this year against the same period of the year before', async () => {
    const res = await get('/api/units/hgb/follow-up/verksamhetsberattelse?year=2026', manager);
    expect(res.headers['content-disposition']).toBe('attachment; filename="verksamhetsberattelse-hgb-2026.docx"');
    const doc = await openDocx(res.body as Buffer);
    const api = (await t.http().get(`/api/reports/yearly?year=2026&compare=true&minPosition=${position}`).set(manager).expect(200)).body;
    const unit = api.units.find((u: { unitId: string }) => u.unitId === 'hgb') as Figures & { previousYear: Figures };
    const prev = unit.previousYear;
    expect(doc.text).toContain('Verksamhetsberättelse 2026 – Hägerstens gruppbostäder');
    expect(doc.text).toContain('Synpunkter och klagomål');
    expect(doc.text).toContain('Kvalitetsgarantier');
    expect(doc.row('Synpunkter och klagomål totalt')).toEqual([
      'Synpunkter och klagomål totalt',
      `${total(prev)}`,
      `${total(unit)}`,
      sign(total(unit) - total(prev)),
    ]);
    expect(doc.row('Klagomål')!.slice(1, 3)).toEqual([`${prev.casesByType.complaint}`, `${unit.casesByType.complaint}`]);
    const responded = (f: Figures) => (f.respondedOnTime as { share: number | null }).share;
    expect(doc.row('Besvarade i tid')!.slice(1, 3)).toEqual([pct(responded(prev)), pct(responded(unit))]);
    // the categories, with counts from 1 to 4 published as "färre än 5": 8 = 6 + 2 and 8 = 7 + 1, so the 6 and the 7
    // are held back as "–" (the total would give the 2 and the 1 away), and so are the 7 complaints (8 = 7 + 1); the
    // justified share rests on 2 assessed complaints (fewer than 5)
    expect([prev.casesByCategory, unit.casesByCategory]).toEqual([
      { 'mat-och-maltider': 6, bemotande: 2 },
      { 'mat-och-maltider': 7, bemotande: 1 },
    ]);
    expect(doc.row('Mat och måltider')).toEqual(['Mat och måltider', '–', '–', '–', '–']);
    expect(doc.row('Bemötande')).toEqual(['Bemötande', published(2), published(1), published(1), '–']);
    expect(doc.text).toContain('Ingen kategori ökade så att det kan redovisas.');
    expect(doc.text).toContain('– står för ett antal som inte visas, för att ett annat inte ska kunna räknas fram.');
    expect(doc.row('Andel befogade klagomål')!.slice(1)).toEqual(['–', '–', '–']);
    // the guarantee: commitments kept and broken, the confirmed breach with its rättelse
    expect(doc.row('Åtaganden')!.slice(1, 3)).toEqual([`${prev.commitments}`, `${unit.commitments}`]);
    expect(doc.row('Garantibrott bekräftade')!.slice(1, 3)).toEqual(['0', '1']);
    expect(doc.text).toContain('Svar inom fem dagar – brutet (1 bekräftade garantibrott)');
    expect(doc.row('2026-02-02')).toEqual(['2026-02-02', 'Svar inom fem dagar', 'Vi ringer upp', '2026-02-20', '2026-02-18']);
    // no personal data: the breach's description and the remedy's action are not in it
    expect(doc.xml).not.toMatch(/Svaret dröjde|Ring upp|Enhetschef/);
    expect(doc.styles).toMatch(/<w:lang w:val="sv-SE"\/>/);
  });

  it('rolls up over a department and a district, with a table of their units', async () => {
    const dept = await openDocx((await get('/api/reports/verksamhetsberattelse?year=2026&department=Social%20omsorg', admin)).body);
    const api = (await t.http().get('/api/reports/yearly?year=2026&compare=true&department=Social%20omsorg').set(admin).expect(200)).body;
    expect(dept.text).toContain('Verksamhetsberättelse 2026 – Social omsorg');
    expect(dept.row('Synpunkter och klagomål totalt')![2]).toBe(`${total(api.totals)}`);
    expect(dept.row('Hägerstens gruppbostäder')).toBeDefined();
    expect(dept.row('Förskolan Solrosen')).toBeUndefined();
    const district = await openDocx(
      (await get('/api/reports/verksamhetsberattelse?year=2026&district=H%C3%A4gersten-Liljeholmen', admin)).body,
    );
    expect(district.row('Förskolan Solrosen')).toBeDefined();
    expect(district.row('Synpunkter och klagomål totalt')![2]).toBe('9');
    expect(district.row('Information')!.slice(1, 3)).toEqual(['0', 'färre än 5']);
    // 9 = 8 complaints + 1 idea, and 9 = 8 at hgb + 1 at fsk: the 8 are held back so that the 1 cannot be worked out
    expect(district.row('Klagomål')).toEqual(['Klagomål', '8', '–', '–']);
    expect(district.row('Idéer och förslag')).toEqual(['Idéer och förslag', '0', published(1), '–']);
    expect(district.row('Hägerstens gruppbostäder')!.slice(1, 3)).toEqual(['8', '–']);
    expect(district.row('Förskolan Solrosen')!.slice(1, 3)).toEqual(['0', published(1)]);
  });

  it('shows the justified share and the median once five responses are behind them', async () => {
    for (const [id, outcome] of [
      [ids[2], 'partly_justified'],
      [ids[3], 'unjustified'],
      [ids[4], 'unjustified'],
    ]) {
      const res = await t
        .http()
        .post(`/api/cases/${id}/respond`)
        .set(manager)
        .send({ message: 'Svar', outcome, at: '2026-03-20T09:00:00Z' })
        .expect(200);
      position = res.headers['x-event-position'];
    }
    const doc = await openDocx((await get('/api/units/hgb/follow-up/verksamhetsberattelse?year=2026', manager)).body);
    const api = (await t.http().get(`/api/reports/yearly?year=2026&compare=true&minPosition=${position}`).set(manager).expect(200)).body;
    const unit = api.units.find((u: { unitId: string }) => u.unitId === 'hgb');
    // 2 justified (justified, partly) of 5 assessed; 2025 had no response: nothing to compare with
    expect(unit.complaintsJustifiedShare).toBe(0.4);
    expect(doc.row('Andel befogade klagomål')).toEqual(['Andel befogade klagomål', '–', '40 %', '–']);
    expect(doc.row('Svarstid, median (arbetsdagar)')![2]).toBe(String(unit.medianResponseWorkingDays).replace('.', ','));
    expect(doc.row('Svarstid, median (arbetsdagar)')![2]).not.toBe('–');
    expect(doc.row('Mat och måltider')![4]).toBe('40 %');
  });
});
