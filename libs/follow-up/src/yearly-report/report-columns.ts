import { Figures } from './tally';
import { YearlyReport } from './yearly-figures';

export interface Column {
  heading: string;
  value: (f: Figures) => number | null;
  share?: boolean;
}

const channels: [string, string][] = [
  ['web', 'Webb'],
  ['phone', 'Telefon'],
  ['email', 'E-post'],
  ['letter', 'Brev'],
  ['visit', 'Besök'],
  ['meeting', 'Allmänhetens frågestund'],
  ['open311', 'E-tjänst (Open311)'],
];

const casesOf = (f: Figures) => Object.values(f.casesByType).reduce((a, b) => a + b, 0);

/** The categories the report's cases fall in (every level's are in the totals), in Swedish order. */
export function reportCategories(report: YearlyReport): string[] {
  return Object.keys(report.totals.casesByCategory).sort((a, b) => a.localeCompare(b, 'sv'));
}

/**
 * One column per category (`Kategori: <name>`; the prefix also keeps a name that starts with = or + from reading as a formula),
 * then the cases without one, so the category columns add up to the cases of the year.
 */
export function categoryColumns(categories: string[]): Column[] {
  return [
    ...categories.map((name): Column => ({ heading: `Kategori: ${name}`, value: (f) => f.casesByCategory[name] ?? 0 })),
    {
      heading: 'Utan kategori',
      value: (f) => casesOf(f) - Object.values(f.casesByCategory).reduce((a, b) => a + b, 0),
    },
  ];
}

/** The report's figures in the order and with the Swedish headings of the verksamhetsberättelse: its categories follow the channels. */
export function figureColumns(report: YearlyReport): Column[] {
  return [...CASE_COLUMNS, ...categoryColumns(reportCategories(report)), ...OUTCOME_COLUMNS];
}

const CASE_COLUMNS: Column[] = [
  { heading: 'Klagomål', value: (f) => f.casesByType.complaint },
  { heading: 'Synpunkter', value: (f) => f.casesByType.opinion },
  { heading: 'Beröm', value: (f) => f.casesByType.praise },
  { heading: 'Idéer och förslag', value: (f) => f.casesByType.idea },
  ...channels.map(([key, heading]): Column => ({ heading: `Kanal: ${heading}`, value: (f) => f.casesByChannel[key] ?? 0 })),
];

const OUTCOME_COLUMNS: Column[] = [
  { heading: 'Kvitterade i tid', value: (f) => f.acknowledgedOnTime.count },
  { heading: 'Kvitterade, att bedöma', value: (f) => f.acknowledgedOnTime.of },
  { heading: 'Andel kvitterade i tid', value: (f) => f.acknowledgedOnTime.share, share: true },
  { heading: 'Besvarade i tid', value: (f) => f.respondedOnTime.count },
  { heading: 'Besvarade, att bedöma', value: (f) => f.respondedOnTime.of },
  { heading: 'Andel besvarade i tid', value: (f) => f.respondedOnTime.share, share: true },
  { heading: 'Svarstid, median (arbetsdagar)', value: (f) => f.medianResponseWorkingDays },
  { heading: 'Öppna vid årets slut', value: (f) => f.openAtYearEnd },
  { heading: 'Andel befogade klagomål', value: (f) => f.complaintsJustifiedShare, share: true },
  { heading: 'Åtaganden', value: (f) => f.commitments },
  { heading: 'Hållna åtaganden', value: (f) => f.commitmentsKept },
  { heading: 'Uppfyllelse', value: (f) => f.fulfilment, share: true },
  { heading: 'Garantibrott anmälda', value: (f) => f.breaches.reported },
  { heading: 'Garantibrott bekräftade', value: (f) => f.breaches.confirmed },
  { heading: 'Garantibrott avvisade', value: (f) => f.breaches.rejected },
  { heading: 'Rättelser planerade', value: (f) => f.remedies.planned },
  { heading: 'Rättelser genomförda', value: (f) => f.remedies.completed },
  { heading: 'Rättelser genomförda i tid', value: (f) => f.remedies.completedOnTime },
];

/** The figures every report has, whatever its categories (figureColumns adds those). */
export const FIGURE_COLUMNS: Column[] = [...CASE_COLUMNS, ...OUTCOME_COLUMNS];

export interface Level {
  sheet: string;
  keys: { heading: string; value: (row: Record<string, unknown>) => string }[];
  rows: (r: YearlyReport) => (Figures & Record<string, unknown>)[];
}

export const LEVELS: Level[] = [
  {
    sheet: 'Enheter',
    keys: [
      { heading: 'Enhet', value: (r) => String(r.unitName) },
      { heading: 'Avdelning', value: (r) => String(r.department) },
      { heading: 'Stadsdel', value: (r) => String(r.district) },
    ],
    rows: (r) => r.units as unknown as (Figures & Record<string, unknown>)[],
  },
  {
    sheet: 'Avdelningar',
    keys: [
      { heading: 'Avdelning', value: (r) => String(r.department) },
      { heading: 'Stadsdel', value: (r) => String(r.district) },
    ],
    rows: (r) => r.departments as unknown as (Figures & Record<string, unknown>)[],
  },
  {
    sheet: 'Stadsdelar',
    keys: [{ heading: 'Stadsdel', value: (r) => String(r.district) }],
    rows: (r) => r.districts as unknown as (Figures & Record<string, unknown>)[],
  },
  { sheet: 'Totalt', keys: [{ heading: 'Nivå', value: () => 'Totalt' }], rows: (r) => [r.totals as Figures & Record<string, unknown>] },
];
