import ExcelJS from 'exceljs';
import { CategoryList, defaultCategoryList } from '@app/cases';
import { CaseFact, UnitFact } from '../report-facts/report-facts';
import { FIGURE_COLUMNS, figureColumns } from './report-columns';
import { reportCsv, reportXlsx } from './report-export';
import { yearlyReport } from './yearly-figures';

const units: UnitFact[] = [
  { id: 'hgb', name: 'Hägerstens gruppbostäder', department: 'Social omsorg', district: 'Hägersten-Liljeholmen' },
  { id: 'fsk', name: 'Förskolan Solrosen', department: 'Förskola', district: 'Hägersten-Liljeholmen' },
];

const kase = (id: string, unitId: string, type: string, category?: string, outcome?: string): CaseFact => ({
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
  ...(outcome ? { respondedAt: '2026-03-05T09:00:00Z', outcome } : {}),
  pausedWorkingDays: 0,
  closures: [],
});

/** The default list, with the old free text "Mat", "Måltider" and "Lokaler" mapped; "Öppettider" is left unmapped. */
const categories: CategoryList = {
  ...defaultCategoryList(),
  set: true,
  mappings: { Mat: 'mat-och-maltider', Måltider: 'mat-och-maltider', Lokaler: 'miljo-och-lokaler' },
};

/*
 * hgb: complaint "Mat" (justified), praise "mat" (the mapping ignores case), opinion "Bemötande" (a label: bemotande), idea
 *      without a category, complaint "mat-och-maltider" (an id; unjustified), complaint "Måltider" (not yet responded)
 *      → mat-och-maltider 4, bemotande 1, Utan kategori 1 (6 cases); complaints mat-och-maltider 3, of them 2 assessed,
 *      1 justified → 1/2.
 * fsk: complaint "Lokaler" (partly justified → justified) → miljo-och-lokaler 1, share 1/1; opinion "Öppettider": unmapped.
 * A case merged into another ("Mat") is not counted, nor is one of 2025 ("Lokaler").
 * Totals: mat-och-maltider 4, bemotande 1, miljo-och-lokaler 1, "Öppettider" 1, Utan kategori 1 (8 cases).
 */
const report = yearlyReport(
  {
    units,
    cases: [
      kase('1', 'hgb', 'complaint', 'Mat', 'justified'),
      kase('2', 'hgb', 'praise', 'mat'),
      kase('3', 'hgb', 'opinion', 'Bemötande'),
      kase('4', 'hgb', 'idea'),
      kase('9', 'hgb', 'complaint', 'mat-och-maltider', 'unjustified'),
      kase('10', 'hgb', 'complaint', 'Måltider'),
      kase('5', 'fsk', 'complaint', 'Lokaler', 'partly_justified'),
      kase('6', 'fsk', 'opinion', 'Öppettider'),
      { ...kase('7', 'hgb', 'complaint', 'Mat'), mergedInto: '1' },
      { ...kase('8', 'fsk', 'complaint', 'Lokaler'), year: 2025 },
    ],
    breaches: [],
    guarantees: [],
  },
  2026,
  new Date('2026-03-31T12:00:00Z'),
  {},
  undefined,
  { categories },
);
const categoryHeadings = [
  'Kategori: Bemötande',
  'Kategori: Miljö och lokaler',
  'Kategori: Mat och måltider',
  'Kategori: Öppettider (ej mappad)',
  'Utan kategori',
  'Klagomål: Mat och måltider',
  'Andel befogade klagomål: Mat och måltider',
  'Andel befogade klagomål: Miljö och lokaler',
];

describe('the report groups cases by the category list', () => {
  it('keys the figures by category id, using ids, labels and mappings, and keeps unmapped text under its own', () => {
    expect(report.totals.casesByCategory).toEqual({ 'mat-och-maltider': 4, bemotande: 1, 'miljo-och-lokaler': 1, Öppettider: 1 });
    expect(report.totals.complaintsByCategory).toEqual({ 'mat-och-maltider': 3, 'miljo-och-lokaler': 1 });
    expect(report.units[1].complaintsJustifiedByCategory).toEqual({ 'mat-och-maltider': { count: 1, of: 2, share: 0.5 } });
    expect(report.totals.complaintsJustifiedByCategory['miljo-och-lokaler']).toEqual({ count: 1, of: 1, share: 1 });
    expect(report.categories.map((c) => c.id)).toEqual(categories.categories.map((c) => c.id));
    expect(report.unmappedCategories).toEqual(['Öppettider']);
  });
});

describe('the report exports cases by category', () => {
  it('puts the category columns, in the order of the list, after the channels', () => {
    const headings = figureColumns(report).map((c) => c.heading);
    const afterChannels = headings.indexOf('Kanal: E-tjänst (Open311)') + 1;
    expect(headings[afterChannels]).toBe('Kategori: Bemötande');
    expect(headings.slice(afterChannels + 8, afterChannels + 10)).toEqual(['Kategori: Öppettider (ej mappad)', 'Utan kategori']);
    // 9 categories and none: cases, then complaints; then the justified share of each of the 9
    expect(headings[afterChannels + 29]).toBe('Kvitterade i tid');
    expect(headings.length).toBe(FIGURE_COLUMNS.length + 29);
  });

  it('writes the category counts in the CSV, per unit and in the total row', () => {
    const lines = reportCsv(report).toString('utf8').slice(1).trim().split('\r\n');
    const head = lines[0].split(';');
    const row = (first: string) => lines.find((l) => l.startsWith(`${first};`))!.split(';');
    const categories = (cells: string[]) => categoryHeadings.map((h) => cells[head.indexOf(h)]);
    expect(categoryHeadings.every((h) => head.includes(h))).toBe(true);
    expect(categories(row('Hägerstens gruppbostäder'))).toEqual(['1', '0', '4', '0', '1', '3', '0,5', '']);
    expect(categories(row('Förskolan Solrosen'))).toEqual(['0', '1', '0', '1', '0', '0', '', '1']);
    expect(categories(row('Totalt'))).toEqual(['1', '1', '4', '1', '1', '3', '0,5', '1']);
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
        return categoryHeadings.slice(0, 6).map((h) => r.getCell(head.indexOf(h) + 1).value);
      };
    };
    expect(sheet('Enheter')('Hägerstens gruppbostäder')).toEqual([1, 0, 4, 0, 1, 3]);
    expect(sheet('Avdelningar')('Förskola')).toEqual([0, 1, 0, 1, 0, 0]);
    expect(sheet('Stadsdelar')('Hägersten-Liljeholmen')).toEqual([1, 1, 4, 1, 1, 3]);
    expect(sheet('Totalt')('Totalt')).toEqual([1, 1, 4, 1, 1, 3]);
  });
});
