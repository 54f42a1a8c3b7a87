import { stockholmDate } from '@app/core';
import { Figures } from '../yearly-report/tally';
import { casesOf, ComparedReport, figureChanges, uncategorisedOf } from '../yearly-report/year-against-year';
import { daysSentence, decimal, percent, periodText, points, publishedCount, shareSentence, signed, swedishDate } from './draft-text';

/** What the document is made of: headings, paragraphs, bullet lists and tables of text (rendered by verksamhetsberattelse.docx.ts). */
export type Block =
  | { kind: 'title' | 'heading1' | 'heading2'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'bullets'; items: string[] }
  | { kind: 'table'; header: string[]; rows: string[][] };

export interface CommitmentLine {
  unitName: string;
  text: string;
  kept: boolean;
  confirmedBreaches: number;
}

export interface BreachLine {
  unitName: string;
  occurredOn: string;
  commitment: string;
  /** The rättelse the guarantee promises. */
  remedy: string;
  remedies: { dueOn: string; completedOn?: string }[];
}

export interface DraftInput {
  /** Whose verksamhetsberättelse: a unit, or the units of a department, a district or all the caller sees. */
  scope: { kind: 'unit' | 'department' | 'district' | 'all'; name: string };
  report: ComparedReport;
  commitments: CommitmentLine[];
  breaches: BreachLine[];
  /** Counts per category from 1 below this print as "färre än N" (PUBLISH_MIN_COUNT). */
  minCount: number;
}

export interface VerksamhetsberattelseDraft {
  title: string;
  blocks: Block[];
}

/** "1 ärende", "färre än 5 ärenden", "12 ärenden". */
const cases = (shown: string) => `${shown} ${shown === '1' ? 'ärende' : 'ärenden'}`;

const SUBJECT = { unit: 'Enheten', department: 'Avdelningens enheter', district: 'Stadsdelens enheter', all: 'Enheterna' };

/** The draft sections "Synpunkter och klagomål" and "Kvalitetsgarantier" of a verksamhetsberättelse, from the report's figures. */
export function verksamhetsberattelseDraft(input: DraftInput): VerksamhetsberattelseDraft {
  const { report, scope, minCount } = input;
  const cur = report.totals;
  const prev = report.totals.previousYear;
  const today = stockholmDate(report.asOf);
  const now = periodText(report.year, today.startsWith(String(report.year)) ? today : undefined);
  const before = periodText(report.previousPeriod.year, report.previousPeriod.to);
  const title = `Verksamhetsberättelse ${report.year} – ${scope.name}`;
  const change = figureChanges(cur, prev);
  const row = (name: string, p: string, c: string, d: string) => [name, p, c, d];
  const count = (name: string, pick: (f: Figures) => number) =>
    row(name, String(pick(prev)), String(pick(cur)), signed(pick(cur) - pick(prev)));
  // Counts of cases, like those per category, print from 1 below minCount as "färre än N" (with no change beside them):
  // a total of 1 beside a category's "färre än 5" would give the category's count away.
  const shown = (n: number) => publishedCount(n, minCount);
  const hidden = (n: number) => shown(n) !== String(n);
  const caseCount = (name: string, pick: (f: Figures) => number) =>
    row(name, shown(pick(prev)), shown(pick(cur)), hidden(pick(prev)) || hidden(pick(cur)) ? '–' : signed(pick(cur) - pick(prev)));
  const share = (name: string, pick: (f: Figures) => number | null) =>
    row(name, percent(pick(prev)), percent(pick(cur)), points(pick(cur) === null || pick(prev) === null ? null : pick(cur)! - pick(prev)!));
  const header = ['', before, now, 'Förändring'];

  const blocks: Block[] = [
    { kind: 'title', text: title },
    {
      kind: 'paragraph',
      text:
        `Utkast ur Synpunkt den ${swedishDate(today)}, att bearbeta. Siffrorna gäller ${now} och jämförs med ${before}. ` +
        (minCount > 1 ? `Antal från 1 till ${minCount - 1} per kategori anges som ”färre än ${minCount}”, så att ingen pekas ut.` : ''),
    },
    { kind: 'heading1', text: 'Synpunkter och klagomål' },
    {
      kind: 'paragraph',
      text: [
        `${SUBJECT[scope.kind]} tog emot ${cases(shown(casesOf(cur)))} (synpunkter, klagomål, beröm och idéer) under ${now}, varav ${shown(cur.casesByType.complaint)} klagomål` +
          ` (${shown(casesOf(prev))} respektive ${shown(prev.casesByType.complaint)} under ${before}).`,
        shareSentence('Andelen kvitterade i tid', change.acknowledgedOnTime),
        shareSentence('Andelen besvarade i tid', change.respondedOnTime),
        daysSentence(change.medianResponseWorkingDays),
        shareSentence('Andelen befogade klagomål', change.complaintsJustifiedShare),
      ]
        .filter(Boolean)
        .join(' '),
    },
    {
      kind: 'table',
      header,
      rows: [
        caseCount('Synpunkter och klagomål totalt', casesOf),
        caseCount('Klagomål', (f) => f.casesByType.complaint),
        caseCount('Synpunkter', (f) => f.casesByType.opinion),
        caseCount('Beröm', (f) => f.casesByType.praise),
        caseCount('Idéer och förslag', (f) => f.casesByType.idea),
        share('Kvitterade i tid', (f) => f.acknowledgedOnTime.share),
        share('Besvarade i tid', (f) => f.respondedOnTime.share),
        row(
          'Svarstid, median (arbetsdagar)',
          decimal(prev.medianResponseWorkingDays),
          decimal(cur.medianResponseWorkingDays),
          decimal(change.medianResponseWorkingDays.change),
        ),
        caseCount('Öppna vid periodens slut', (f) => f.openAtYearEnd),
        share('Andel befogade klagomål', (f) => f.complaintsJustifiedShare),
      ],
    },
    ...categoryBlocks(input, before, now),
    ...(scope.kind === 'unit' ? [] : unitBlocks(report, before, now, minCount)),
    ...guaranteeBlocks(input, header, count, share, change),
  ];
  return { title, blocks };
}

function categoryBlocks(input: DraftInput, before: string, now: string): Block[] {
  const { report, minCount } = input;
  const cur = report.totals;
  const prev = cur.previousYear;
  const shown = (n: number) => publishedCount(n, minCount);
  const keys: [string, string][] = [
    ...report.categories.map((c): [string, string] => [c.id, c.label]),
    ...report.unmappedCategories.map((t): [string, string] => [t, `${t} (ej mappad)`]),
  ];
  const grew = keys
    .map(([key, label]) => ({ label, from: prev.casesByCategory[key] ?? 0, to: cur.casesByCategory[key] ?? 0 }))
    .filter((g) => g.to > g.from && g.to >= minCount)
    .sort((a, b) => b.to - b.from - (a.to - a.from) || a.label.localeCompare(b.label, 'sv'))
    .slice(0, 3);
  const justified = (key: string) => {
    const complaints = cur.complaintsByCategory[key] ?? 0;
    return complaints && complaints >= minCount ? percent(cur.complaintsJustifiedByCategory[key]?.share ?? null) : '–';
  };
  return [
    { kind: 'heading2', text: 'Kategorier' },
    {
      kind: 'paragraph',
      text: grew.length
        ? `De kategorier som ökade mest: ${grew.map((g) => `${g.label} (från ${shown(g.from)} till ${shown(g.to)})`).join(', ')}.`
        : 'Ingen kategori ökade så att det kan redovisas.',
    },
    {
      kind: 'table',
      header: ['Kategori', before, now, `Klagomål ${now}`, `Andel befogade klagomål ${now}`],
      rows: [
        ...keys.map(([key, label]) => [
          label,
          shown(prev.casesByCategory[key] ?? 0),
          shown(cur.casesByCategory[key] ?? 0),
          shown(cur.complaintsByCategory[key] ?? 0),
          justified(key),
        ]),
        ['Utan kategori', shown(uncategorisedOf(prev)), shown(uncategorisedOf(cur)), '', ''],
      ],
    },
  ];
}

function unitBlocks(report: ComparedReport, before: string, now: string, minCount: number): Block[] {
  return [
    { kind: 'heading2', text: 'Enheterna' },
    {
      kind: 'table',
      header: ['Enhet', `Ärenden ${before}`, `Ärenden ${now}`, 'Besvarade i tid', 'Uppfyllelse av åtaganden'],
      rows: report.units.map((u) => [
        u.unitName,
        publishedCount(casesOf(u.previousYear), minCount),
        publishedCount(casesOf(u), minCount),
        percent(u.respondedOnTime.share),
        percent(u.fulfilment),
      ]),
    },
  ];
}

function guaranteeBlocks(
  input: DraftInput,
  header: string[],
  count: (name: string, pick: (f: Figures) => number) => string[],
  share: (name: string, pick: (f: Figures) => number | null) => string[],
  change: ReturnType<typeof figureChanges>,
): Block[] {
  const { report, commitments, breaches, scope } = input;
  const cur = report.totals;
  const unitOf = (name: string) => (scope.kind === 'unit' ? '' : `${name}: `);
  const kept = `Av ${cur.commitments} ${cur.commitments === 1 ? 'åtagande' : 'åtaganden'} hölls ${cur.commitmentsKept} (${percent(cur.fulfilment)}).`;
  return [
    { kind: 'heading1', text: 'Kvalitetsgarantier' },
    { kind: 'paragraph', text: [kept, shareSentence('Uppfyllelsen', change.fulfilment)].filter(Boolean).join(' ') },
    {
      kind: 'table',
      header,
      rows: [
        count('Åtaganden', (f) => f.commitments),
        count('Hållna åtaganden', (f) => f.commitmentsKept),
        share('Uppfyllelse', (f) => f.fulfilment),
        count('Garantibrott anmälda', (f) => f.breaches.reported),
        count('Garantibrott bekräftade', (f) => f.breaches.confirmed),
        count('Garantibrott avvisade', (f) => f.breaches.rejected),
        count('Rättelser planerade', (f) => f.remedies.planned),
        count('Rättelser genomförda', (f) => f.remedies.completed),
        count('Rättelser genomförda i tid', (f) => f.remedies.completedOnTime),
      ],
    },
    { kind: 'heading2', text: 'Åtagandena' },
    commitments.length
      ? {
          kind: 'bullets',
          items: commitments.map(
            (c) => `${unitOf(c.unitName)}${c.text} – ${c.kept ? 'hållet' : `brutet (${c.confirmedBreaches} bekräftade garantibrott)`}`,
          ),
        }
      : { kind: 'paragraph', text: 'Ingen kvalitetsgaranti var antagen för året.' },
    { kind: 'heading2', text: 'Bekräftade garantibrott och rättelse' },
    breaches.length
      ? {
          kind: 'table',
          header: [...(scope.kind === 'unit' ? [] : ['Enhet']), 'Inträffade', 'Åtagande', 'Rättelse', 'Åtgärd klar senast', 'Genomförd'],
          rows: breaches.map((b) => [
            ...(scope.kind === 'unit' ? [] : [b.unitName]),
            b.occurredOn,
            b.commitment,
            b.remedy,
            b.remedies.map((r) => r.dueOn).join(', ') || 'ingen planerad',
            b.remedies
              .map((r) => (r.completedOn ? `${r.completedOn}${r.completedOn <= r.dueOn ? '' : ' (sent)'}` : 'ej ännu'))
              .join(', ') || '–',
          ]),
        }
      : { kind: 'paragraph', text: 'Inga bekräftade garantibrott under perioden.' },
  ];
}
