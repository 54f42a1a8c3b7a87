import ExcelJS from 'exceljs';
import { CaseFact, UnitFact } from '../report-facts/report-facts';
import { FIGURE_COLUMNS, figureColumns } from './report-columns';
import { reportCsv, reportXlsx } from './report-export';
import { yearlyReport } from './yearly-figures';

const units: UnitFact[] = [
  { id: 'hgb', name: 'Hägerstens gruppbostäder', department: 'Social omsorg', district: 'Hägersten-Liljeholmen' },
  { id: 'fsk', name: 'Förskolan Solrosen', department: 'Förskola', district: 'Hägersten-Liljeholmen' },
];

const kase = (id: string, unitId: string, type: string, category?: string): CaseFact => ({
  id,
  reference: `2026-${id}`,
  unitId,
  year: 2026,
  type,
  channel: 'web',
  ...(category ? { category } : {}),
  receivedAt: '2026-03-02T09:00:00Z',
  acknowledgeBy: '2026-03-04T22:59:59.999Z',
  respondBy: '2026-03-16T22:59:59.999Z',
  needsResponse: false,
  pausedWorkingDays: 0,
  closures: [],
});

/*
 * hgb: complaint "Mat", praise "Mat", opinion "Bemötande", idea without a category → Mat 2, Bemötande 1, Utan kategori 1 (4 cases).
 * fsk: complaint "Lokaler", opinion "Öppettider" → Lokaler 1, Öppettider 1, Utan kategori 0 (2 cases).
 * A case merged into another ("Mat") is not counted, nor is one of 2025 ("Lokaler").
 * Totals: Bemötande 1, Lokaler 1, Mat 2, Öppettider 1, Utan kategori 1 (6 cases). Swedish order puts Ö last, after Mat.
 */
const report = yearlyReport(
  {
    units,
    cases: [
      kase('1', 'hgb', 'complaint', 'Mat'),
      kase('2', 'hgb', 'praise', 'Mat'),
      kase('3', 'hgb', 'opinion', 'Bemötande'),
      kase('4', 'hgb', 'idea'),
      kase('5', 'fsk', 'complaint', 'Lokaler'),
      kase('6', 'fsk', 'opinion', 'Öppettider'),
      { ...kase('7', 'hgb', 'complaint', 'Mat'), mergedInto: '1' },
      { ...kase('8', 'fsk', 'complaint', 'Lokaler'), year: 2025 },
    ],
    breaches: [],
    guarantees: [],
  },
  2026,
  new Date('2026-03-31T12:00:00Z'),
);
const categoryHeadings = ['Kategori: Bemötande', 'Kategori: Lokaler', 'Kategori: Mat', 'Kategori: Öppettider', 'Utan kategori'];

describe('the report exports cases by category', () => {
  it('puts one column per category of the report, in Swedish order, after the channels', () => {
    const headings = figureColumns(report).map((c) => c.heading);
    const afterChannels = headings.indexOf('Kanal: E-tjänst (Open311)') + 1;
    expect(headings.slice(afterChannels, afterChannels + 5)).toEqual(categoryHeadings);
    expect(headings[afterChannels + 5]).toBe('Kvitterade i tid');
    expect(headings.length).toBe(FIGURE_COLUMNS.length + 5);
  });

  it('writes the category counts in the CSV, per unit and in the total row', () => {
    const lines = reportCsv(report).toString('utf8').slice(1).trim().split('\r\n');
    const head = lines[0].split(';');
    const row = (first: string) => lines.find((l) => l.startsWith(`${first};`))!.split(';');
    const categories = (cells: string[]) => categoryHeadings.map((h) => cells[head.indexOf(h)]);
    expect(categoryHeadings.every((h) => head.includes(h))).toBe(true);
    expect(categories(row('Hägerstens gruppbostäder'))).toEqual(['1', '0', '2', '0', '1']);
    expect(categories(row('Förskolan Solrosen'))).toEqual(['0', '1', '0', '1', '0']);
    expect(categories(row('Totalt'))).toEqual(['1', '1', '2', '1', '1']);
  });

  it('writes them as numbers on every sheet of the XLSX', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await reportXlsx(report)) as unknown as ArrayBuffer);
    const sheet = (name: string) => {
      const ws = wb.getWorksheet(name)!;
      const head = (ws.getRow(2).values as unknown[]).slice(1);
      const rows = Array.from({ length: ws.rowCount - 2 }, (_, i) => ws.getRow(i + 3));
      return (first: string) => {
        const r = rows.find((x) => x.getCell(1).value === first)!;
        return categoryHeadings.map((h) => r.getCell(head.indexOf(h) + 1).value);
      };
    };
    expect(sheet('Enheter')('Hägerstens gruppbostäder')).toEqual([1, 0, 2, 0, 1]);
    expect(sheet('Avdelningar')('Förskola')).toEqual([0, 1, 0, 1, 0]);
    expect(sheet('Stadsdelar')('Hägersten-Liljeholmen')).toEqual([1, 1, 2, 1, 1]);
    expect(sheet('Totalt')('Totalt')).toEqual([1, 1, 2, 1, 1]);
  });
});
