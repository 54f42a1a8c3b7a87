import { stockholmDate } from '@app/core';
import { Figures } from '../yearly-report/tally';
import { ComparedReport, figureChanges } from '../yearly-report/year-against-year';
import { DraftBases } from './draft-bases';
import { caseBlocks, categoryKeys } from './draft-cases';
import { draftCounts } from './draft-counts';
import { percent, periodText, shareRow, shareSentence, signed, swedishDate } from './draft-text';

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
  /** What the totals' justified share and median rest on (see draft-bases.ts). */
  bases: DraftBases;
  /**
   * Case counts from 1 below this print as "färre än N" (and others as "–" where they would give those away), shares
   * and medians of fewer cases as "–" (PUBLISH_MIN_COUNT).
   */
  minCount: number;
}

export interface VerksamhetsberattelseDraft {
  title: string;
  blocks: Block[];
}

/** The draft sections "Synpunkter och klagomål" and "Kvalitetsgarantier" of a verksamhetsberättelse, from the report's figures. */
export function verksamhetsberattelseDraft(input: DraftInput): VerksamhetsberattelseDraft {
  const { report, scope, minCount } = input;
  const today = stockholmDate(report.asOf);
  const now = periodText(report.year, today.startsWith(String(report.year)) ? today : undefined);
  const before = periodText(report.previousPeriod.year, report.previousPeriod.to);
  const title = `Verksamhetsberättelse ${report.year} – ${scope.name}`;
  const header = ['', before, now, 'Förändring'];
  const keys = categoryKeys(report).map(([key]) => key);
  const counts = draftCounts(report, keys, scope.kind !== 'unit', minCount);
  const heldBack =
    minCount > 1
      ? ` Antal ärenden från 1 till ${minCount - 1} anges som ”färre än ${minCount}”, och andelar och medianer som bygger på färre` +
        ` än ${minCount} ärenden som ”–”, så att ingen pekas ut.` +
        (counts.anySecondary ? ' – står för ett antal som inte visas, för att ett annat inte ska kunna räknas fram.' : '')
      : '';

  const blocks: Block[] = [
    { kind: 'title', text: title },
    {
      kind: 'paragraph',
      text: `Utkast ur Synpunkt den ${swedishDate(today)}, att bearbeta. Siffrorna gäller ${now} och jämförs med ${before}.${heldBack}`,
    },
    { kind: 'heading1', text: 'Synpunkter och klagomål' },
    ...caseBlocks(input, counts, header, before, now),
    ...guaranteeBlocks(input, header),
  ];
  return { title, blocks };
}

function guaranteeBlocks(input: DraftInput, header: string[]): Block[] {
  const { report, commitments, breaches, scope } = input;
  const cur = report.totals;
  const prev = cur.previousYear;
  const change = figureChanges(cur, prev);
  // the guarantee's figures print as they are (held back are counts of cases only)
  const count = (name: string, pick: (f: Figures) => number) => [
    name,
    String(pick(prev)),
    String(pick(cur)),
    signed(pick(cur) - pick(prev)),
  ];
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
        shareRow('Uppfyllelse', change.fulfilment),
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
