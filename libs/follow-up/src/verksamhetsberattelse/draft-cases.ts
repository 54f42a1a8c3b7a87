import { Figures } from '../yearly-report/tally';
import { casesOf, ComparedReport, FigureChange } from '../yearly-report/year-against-year';
import { Bases } from './draft-bases';
import { DraftCounts, PrintedCount, UNCATEGORISED, Year } from './draft-counts';
import { daysSentence, decimal, measured, percent, publishedCount, shareRow, shareSentence, signed } from './draft-text';
import type { Block, DraftInput } from './verksamhetsberattelse-draft';

/** The categories of the report as [key, label]: the list's, then old free-text values nothing maps. */
export const categoryKeys = (report: ComparedReport): [string, string][] => [
  ...report.categories.map((c): [string, string] => [c.id, c.label]),
  ...report.unmappedCategories.map((t): [string, string] => [t, `${t} (ej mappad)`]),
];

/** "1 ärende", "färre än 5 ärenden", "12 ärenden". */
const cases = (shown: string) => `${shown} ${shown === '1' ? 'ärende' : 'ärenden'}`;

const SUBJECT = { unit: 'Enheten', department: 'Avdelningens enheter', district: 'Stadsdelens enheter', all: 'Enheterna' };

/** The shares and the median of a year, each "–" (null) where it rests on fewer than `min` cases: it would tell how those few fared. */
const measuredFigures = (f: Figures, bases: Bases, min: number) => ({
  acknowledgedOnTime: measured(f.acknowledgedOnTime.share, f.acknowledgedOnTime.of, min),
  respondedOnTime: measured(f.respondedOnTime.share, f.respondedOnTime.of, min),
  medianResponseWorkingDays: measured(f.medianResponseWorkingDays, bases.responses, min),
  complaintsJustifiedShare: measured(f.complaintsJustifiedShare, bases.assessedComplaints, min),
});

/** The section "Synpunkter och klagomål": sentences, the table of the totals, the categories and (beyond a unit) the units. */
export function caseBlocks(input: DraftInput, counts: DraftCounts, header: string[], before: string, now: string): Block[] {
  const { report, scope, minCount, bases } = input;
  const cur = report.totals;
  const prev = cur.previousYear;
  const m = { previous: measuredFigures(prev, bases.previous, minCount), current: measuredFigures(cur, bases.current, minCount) };
  const change = (key: keyof (typeof m)['current']): FigureChange => {
    const [p, c] = [m.previous[key], m.current[key]];
    return { previous: p, current: c, change: p === null || c === null ? null : c - p };
  };
  const median = change('medianResponseWorkingDays');
  // a held-back count has no change beside it: the change and the other year's count would give it away
  const caseRow = (name: string, p: PrintedCount, c: PrintedCount, difference: number) => [
    name,
    p.text,
    c.text,
    p.held || c.held ? '–' : signed(difference),
  ];
  const byType = (name: string, type: keyof Figures['casesByType']) =>
    caseRow(name, counts.type('previous', type), counts.type('current', type), cur.casesByType[type] - prev.casesByType[type]);
  // open cases add up with nothing printed: held back as few alone
  const few = (n: number): PrintedCount => ({
    text: publishedCount(n, minCount),
    held: publishedCount(n, minCount) !== String(n),
    secondary: false,
  });
  return [
    {
      kind: 'paragraph',
      text: [
        receivedSentence(SUBJECT[scope.kind], counts, before, now),
        shareSentence('Andelen kvitterade i tid', change('acknowledgedOnTime')),
        shareSentence('Andelen besvarade i tid', change('respondedOnTime')),
        daysSentence(median),
        shareSentence('Andelen befogade klagomål', change('complaintsJustifiedShare')),
      ]
        .filter(Boolean)
        .join(' '),
    },
    {
      kind: 'table',
      header,
      rows: [
        caseRow('Synpunkter och klagomål totalt', counts.total('previous'), counts.total('current'), casesOf(cur) - casesOf(prev)),
        byType('Klagomål', 'complaint'),
        byType('Synpunkter', 'opinion'),
        byType('Beröm', 'praise'),
        byType('Idéer och förslag', 'idea'),
        shareRow('Kvitterade i tid', change('acknowledgedOnTime')),
        shareRow('Besvarade i tid', change('respondedOnTime')),
        ['Svarstid, median (arbetsdagar)', decimal(median.previous), decimal(median.current), decimal(median.change)],
        caseRow('Öppna vid periodens slut', few(prev.openAtYearEnd), few(cur.openAtYearEnd), cur.openAtYearEnd - prev.openAtYearEnd),
        shareRow('Andel befogade klagomål', change('complaintsJustifiedShare')),
      ],
    },
    ...categoryBlocks(input, counts, before, now),
    ...(scope.kind === 'unit' ? [] : unitBlocks(input, counts, before, now)),
  ];
}

/** "Enheten tog emot 12 ärenden (…) under 2026, varav 7 klagomål (9 respektive 6 under 2025)." — without the counts held back as "–". */
function receivedSentence(subject: string, counts: DraftCounts, before: string, now: string): string {
  const [total, previousTotal] = [counts.total('current'), counts.total('previous')];
  const [complaints, previousComplaints] = [counts.type('current', 'complaint'), counts.type('previous', 'complaint')];
  const kinds = 'synpunkter, klagomål, beröm och idéer';
  const received = total.secondary
    ? `${subject} tog emot ${kinds} under ${now}`
    : `${subject} tog emot ${cases(total.text)} (${kinds}) under ${now}`;
  if (total.secondary || previousTotal.secondary) return `${received}.`;
  if (complaints.secondary || previousComplaints.secondary) return `${received} (${cases(previousTotal.text)} under ${before}).`;
  return `${received}, varav ${complaints.text} klagomål (${previousTotal.text} respektive ${previousComplaints.text} under ${before}).`;
}

function categoryBlocks(input: DraftInput, counts: DraftCounts, before: string, now: string): Block[] {
  const { report, minCount } = input;
  const cur = report.totals;
  const prev = cur.previousYear;
  const keys = categoryKeys(report);
  const cell = (year: Year, key: string) => counts.category(year, key).text;
  // only categories with both counts shown are ranked: one held back in either year is left out, as its rank among the
  // others would narrow it down ("grew by less than the third" with its current count shown gives the earlier one)
  const grew = keys
    .map(([key, label]) => ({ key, label, from: prev.casesByCategory[key] ?? 0, to: cur.casesByCategory[key] ?? 0 }))
    .filter((g) => g.to > g.from && !counts.category('current', g.key).held && !counts.category('previous', g.key).held)
    .sort((a, b) => b.to - b.from - (a.to - a.from) || a.label.localeCompare(b.label, 'sv'))
    .slice(0, 3);
  const justified = (key: string) => {
    const r = cur.complaintsJustifiedByCategory[key];
    return percent(r ? measured(r.share, r.of, minCount) : null);
  };
  return [
    { kind: 'heading2', text: 'Kategorier' },
    {
      kind: 'paragraph',
      text: grew.length
        ? `De kategorier som ökade mest: ${grew.map((g) => `${g.label} (från ${cell('previous', g.key)} till ${cell('current', g.key)})`).join(', ')}.`
        : 'Ingen kategori ökade så att det kan redovisas.',
    },
    {
      kind: 'table',
      header: ['Kategori', before, now, `Klagomål ${now}`, `Andel befogade klagomål ${now}`],
      rows: [
        ...keys.map(([key, label]) => [label, cell('previous', key), cell('current', key), counts.complaints(key).text, justified(key)]),
        ['Utan kategori', cell('previous', UNCATEGORISED), cell('current', UNCATEGORISED), counts.complaints(UNCATEGORISED).text, ''],
      ],
    },
  ];
}

function unitBlocks(input: DraftInput, counts: DraftCounts, before: string, now: string): Block[] {
  const { report, minCount } = input;
  return [
    { kind: 'heading2', text: 'Enheterna' },
    {
      kind: 'table',
      header: ['Enhet', `Ärenden ${before}`, `Ärenden ${now}`, 'Besvarade i tid', 'Uppfyllelse av åtaganden'],
      rows: report.units.map((u) => [
        u.unitName,
        counts.unit('previous', u.unitId).text,
        counts.unit('current', u.unitId).text,
        percent(measured(u.respondedOnTime.share, u.respondedOnTime.of, minCount)),
        percent(u.fulfilment),
      ]),
    },
  ];
}
