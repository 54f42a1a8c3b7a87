import { Figures } from '../yearly-report/tally';
import { casesOf, ComparedReport, uncategorisedOf } from '../yearly-report/year-against-year';
import { publishedCount } from './draft-text';
import { heldBackCounts, Sum } from './held-back';

export type Year = 'previous' | 'current';
type CaseType = keyof Figures['casesByType'];
const TYPES: CaseType[] = ['complaint', 'opinion', 'praise', 'idea'];
/** The key of "Utan kategori" among the categories. */
export const UNCATEGORISED = '';

/** A count of the draft's case tables as it may be printed, and whether it is held back (no change is printed beside it). */
export interface PrintedCount {
  text: string;
  held: boolean;
  /** Held back only so that another cannot be worked out ("–"). */
  secondary: boolean;
}

/**
 * The case counts of the draft's tables, held back together: per year, the types, the categories (with "Utan kategori")
 * and, beyond a unit, the units each add up to the total printed; this year's complaints per category (with those
 * without one) add up to the complaints, and with the other types to the total. A count held back in one table is
 * so wherever it prints (see heldBackCounts).
 */
export function draftCounts(report: ComparedReport, categoryKeys: string[], withUnits: boolean, min: number) {
  const counts: number[] = [];
  const index = new Map<string, number>();
  const sums: Sum[] = [];
  const at = (id: string, n: number) => {
    index.set(id, counts.length);
    return counts.push(n) - 1;
  };
  const figures = { previous: report.totals.previousYear, current: report.totals };
  for (const year of ['previous', 'current'] as const) {
    const f = figures[year];
    const total = at(`${year}/total`, casesOf(f));
    sums.push({ total, cells: TYPES.map((t) => at(`${year}/type/${t}`, f.casesByType[t])) });
    const categories = categoryKeys.map((k) => at(`${year}/category/${k}`, f.casesByCategory[k] ?? 0));
    sums.push({ total, cells: [...categories, at(`${year}/category/${UNCATEGORISED}`, uncategorisedOf(f))] });
    const unit = (u: ComparedReport['units'][number]) => at(`${year}/unit/${u.unitId}`, casesOf(year === 'current' ? u : u.previousYear));
    if (withUnits) sums.push({ total, cells: report.units.map(unit) });
  }
  const cur = report.totals;
  const categorised = Object.values(cur.complaintsByCategory).reduce((a, b) => a + b, 0);
  const complaints = [
    ...categoryKeys.map((k) => at(`complaints/${k}`, cur.complaintsByCategory[k] ?? 0)),
    at(`complaints/${UNCATEGORISED}`, cur.casesByType.complaint - categorised),
  ];
  sums.push({ total: index.get('current/type/complaint')!, cells: complaints });
  const others = TYPES.filter((t) => t !== 'complaint').map((t) => index.get(`current/type/${t}`)!);
  sums.push({ total: index.get('current/total')!, cells: [...complaints, ...others] });

  // this year's complaints of a category print in its row: a held-back category count holds back its complaints too
  const rows = [...categoryKeys, UNCATEGORISED].map((k): [number, number] => [
    index.get(`current/category/${k}`)!,
    index.get(`complaints/${k}`)!,
  ]);
  const held = heldBackCounts(counts, sums, min, rows);
  const printed = (id: string): PrintedCount => {
    const i = index.get(id)!;
    const secondary = held[i] === 'secondary';
    return { text: secondary ? '–' : publishedCount(counts[i], min), held: held[i] !== 'shown', secondary };
  };
  return {
    total: (year: Year) => printed(`${year}/total`),
    type: (year: Year, type: CaseType) => printed(`${year}/type/${type}`),
    /** Cases of a category key (UNCATEGORISED: those without one). */
    category: (year: Year, key: string) => printed(`${year}/category/${key}`),
    /** This year's complaints of a category key (UNCATEGORISED: those without one). */
    complaints: (key: string) => printed(`complaints/${key}`),
    unit: (year: Year, unitId: string) => printed(`${year}/unit/${unitId}`),
    anySecondary: held.includes('secondary'),
  };
}

export type DraftCounts = ReturnType<typeof draftCounts>;
