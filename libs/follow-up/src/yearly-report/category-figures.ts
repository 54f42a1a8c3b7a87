import type { CaseFact } from '../report-facts/report-facts';
import type { Tally } from './tally';

/** Assessed and justified complaints per category, summed like every other count (shares come from the sums). */
export interface CategoryCounts {
  assessed: Record<string, number>;
  justified: Record<string, number>;
}

export const emptyCategoryCounts = (): CategoryCounts => ({ assessed: {}, justified: {} });

const add = (counts: Record<string, number>, key: string, n = 1) => void (counts[key] = (counts[key] ?? 0) + n);
const addAll = (into: Record<string, number>, from: Record<string, number>) => {
  for (const [k, n] of Object.entries(from)) add(into, k, n);
};

/** A responded complaint with an outcome that judges it (not `not_assessable`), as complaintsJustifiedShare counts it. */
export const assessedComplaint = (c: CaseFact): boolean =>
  c.type === 'complaint' && !!c.respondedAt && !!c.outcome && c.outcome !== 'not_assessable';
export const justifiedComplaint = (c: CaseFact): boolean =>
  assessedComplaint(c) && (c.outcome === 'justified' || c.outcome === 'partly_justified');

/** What one case adds to a tally's category counts, under the value it recorded (grouped by the list later). */
export function countCategory(t: Tally, c: CaseFact): void {
  const k = c.category;
  if (!k) return;
  add(t.figures.casesByCategory, k);
  if (c.type !== 'complaint') return;
  add(t.figures.complaintsByCategory, k);
  if (assessedComplaint(c)) add(t.byCategory.assessed, k);
  if (justifiedComplaint(c)) add(t.byCategory.justified, k);
}

/** Adds a tally's category counts to a sum. */
export function addCategoryCounts(sum: Tally, t: Tally): void {
  addAll(sum.figures.casesByCategory, t.figures.casesByCategory);
  addAll(sum.figures.complaintsByCategory, t.figures.complaintsByCategory);
  addAll(sum.byCategory.assessed, t.byCategory.assessed);
  addAll(sum.byCategory.justified, t.byCategory.justified);
}

/** The tally with every recorded category value counted under the key `keyOf` gives it (the list's id, see category-groups). */
export function regroupCategories(t: Tally, keyOf: (recorded: string) => string): Tally {
  const regroup = (counts: Record<string, number>) => {
    const out: Record<string, number> = {};
    for (const [k, n] of Object.entries(counts)) add(out, keyOf(k), n);
    return out;
  };
  return {
    ...t,
    figures: {
      ...t.figures,
      casesByCategory: regroup(t.figures.casesByCategory),
      complaintsByCategory: regroup(t.figures.complaintsByCategory),
    },
    byCategory: { assessed: regroup(t.byCategory.assessed), justified: regroup(t.byCategory.justified) },
  };
}
