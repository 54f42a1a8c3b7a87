import type { LiveTallies } from '../yearly-report/read-report';
import { addTallies, emptyTally, Tally } from '../yearly-report/tally';

/**
 * How many cases the totals' justified share and median rest on, which the report's figures do not say (the JSON report
 * keeps its fields: these stay in the draft's input).
 */
export interface Bases {
  /** Complaints responded to with an outcome that judges them: the justified share's denominator. */
  assessedComplaints: number;
  /** Cases responded to: the median response time's. */
  responses: number;
}

export type DraftBases = { previous: Bases; current: Bases };

export const basesOf = (t: Tally): Bases => ({ assessedComplaints: t.assessedComplaints, responses: t.responseDays.length });

/** The bases of these units' totals, this year and the period of the year before, from the tallies the report used. */
export function draftBases(tallies: LiveTallies, unitIds: string[]): DraftBases {
  const sum = (byUnit: Map<string, Tally> | undefined) => basesOf(addTallies(unitIds.map((id) => byUnit?.get(id) ?? emptyTally())));
  return { previous: sum(tallies.previous), current: sum(tallies.current) };
}
