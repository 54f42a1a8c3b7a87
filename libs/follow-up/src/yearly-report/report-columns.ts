import { Figures } from './tally';
import { type ComparedReport, uncategorisedOf } from './year-against-year';
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

const complaintsCategorised = (f: Figures) => Object.values(f.complaintsByCategory).reduce((a, b) => a + b, 0);

/**
 * The category columns, keyed by id and headed by label (`Kategori: <label>`; the prefix also keeps a label that starts
 * with = or + from reading as a formula): the cases of each category of the list, then of each old value nothing maps,
 * then those without a category, so they add up to the cases of the year; then complaints and the justified share.
 */
export function categoryColumns(report: Pick<YearlyReport, 'categories' | 'unmappedCategories'>): Column[] {
  const keys: [string, string][] = [
    ...report.categories.map((c): [string, string] => [c.id, c.label]),
    ...report.unmappedCategories.map((text): [string, string] => [text, `${text} (ej mappad)`]),
  ];
  return [
    ...keys.map(([key, label]): Column => ({ heading: `Kategori: ${label}`, value: (f) => f.casesByCategory[key] ?? 0 })),
    { heading: 'Utan kategori', value: uncategorisedOf },
    ...keys.map(([key, label]): Column => ({ heading: `Klagomål: ${label}`, value: (f) => f.complaintsByCategory[key] ?? 0 })),
    { heading: 'Klagomål utan kategori', value: (f) => f.casesByType.complaint - complaintsCategorised(f) },
    ...keys.map(
      ([key, label]): Column => ({
        heading: `Andel befogade klagomål: ${label}`,
        value: (f) => f.complaintsJustifiedByCategory[key]?.share ?? null,
        share: true,
      }),
    ),
  ];
}

/**
 * The report's figures in the order and with the Swedish headings of the verksamhetsberättelse: its categories follow
 * the channels. A compared report has, after each column, the same figure for the period of the year before.
 */
export function figureColumns(report: YearlyReport): Column[] {
  const columns = [...CASE_COLUMNS, ...categoryColumns(report), ...OUTCOME_COLUMNS];
  const period = (report as Partial<ComparedReport>).previousPeriod;
  if (!period) return columns;
  const previous = (f: Figures) => (f as Figures & { previousYear?: Figures }).previousYear;
  return columns.flatMap((c): Column[] => [
    c,
    { ...c, heading: `${c.heading} (${period.from}–${period.to})`, value: (f) => (previous(f) ? c.value(previous(f)!) : null) },
  ]);
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
