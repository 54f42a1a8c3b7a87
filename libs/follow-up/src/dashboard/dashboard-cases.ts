import { lateAt } from '@app/core';
import { CaseFact } from '../report-facts/report-facts';

/** The year's figures the dashboard lists the cases of: received, and the denominators of the two on-time shares. */
export const CASE_FIGURES = ['received', 'acknowledged', 'responded'] as const;
export type CaseFigure = (typeof CASE_FIGURES)[number];

export type FigureCaseStatus = 'received' | 'acknowledged' | 'awaiting_complainant' | 'responded' | 'closed';

/** A case behind a figure: what identifies and dates it, never who wrote it or what it says. */
export interface FigureCase {
  reference: string;
  unitId: string;
  type: string;
  category?: string;
  receivedAt: string;
  acknowledgeBy: string;
  acknowledgedAt?: string;
  respondBy: string;
  respondedAt?: string;
  status: FigureCaseStatus;
  /** For the on-time figures: counted as on time. */
  onTime?: boolean;
}

function statusOf(c: CaseFact): FigureCaseStatus {
  if (c.closures.some((x) => !x.reopenedAt)) return 'closed';
  if (c.respondedAt) return 'responded';
  if (c.pausedSince) return 'awaiting_complainant';
  return c.acknowledgedAt ? 'acknowledged' : 'received';
}

/** Only the cases of one category, as the figures group them (`keyOf`: a recorded value → the category it counts under). */
export interface CategoryFilter {
  category: string;
  keyOf: (recorded: string) => string;
}

/**
 * The cases a figure of the yearly report counts, by the report's own rules (see tallyCases): merged cases left out;
 * a step counts once done or once late at `now`, and on time if done by its deadline. Oldest first.
 */
export function figureCases(cases: CaseFact[], figure: CaseFigure, year: number, now: Date, only?: CategoryFilter): FigureCase[] {
  const at = now.toISOString();
  const counted = (c: CaseFact): boolean | undefined => {
    if (figure === 'acknowledged' && (c.acknowledgedAt || lateAt.acknowledge(c, at)))
      return !!c.acknowledgedAt && c.acknowledgedAt <= c.acknowledgeBy;
    if (figure === 'responded' && c.needsResponse && (c.respondedAt || lateAt.respond(c, at)))
      return !!c.respondedAt && c.respondedAt <= c.respondBy;
    return undefined;
  };
  return cases
    .filter((c) => c.year === year && !c.mergedInto && (!only || (!!c.category && only.keyOf(c.category) === only.category)))
    .filter((c) => figure === 'received' || counted(c) !== undefined)
    .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.reference.localeCompare(b.reference))
    .map((c) => ({
      reference: c.reference,
      unitId: c.unitId,
      type: c.type,
      ...(c.category ? { category: c.category } : {}),
      receivedAt: c.receivedAt,
      acknowledgeBy: c.acknowledgeBy,
      ...(c.acknowledgedAt ? { acknowledgedAt: c.acknowledgedAt } : {}),
      respondBy: c.respondBy,
      ...(c.respondedAt ? { respondedAt: c.respondedAt } : {}),
      status: statusOf(c),
      ...(figure === 'received' ? {} : { onTime: counted(c) }),
    }));
}
