import { ReportFacts } from '../report-facts/report-facts.reader';
import { addTallies, tallyCases, Tally } from '../yearly-report/tally';
import { previousPeriod } from '../yearly-report/year-against-year';

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

/**
 * The bases of the units' totals from the live read model, this year and the period of the year before, tallied as
 * readLiveReport tallies the report's figures.
 */
export function readBases(facts: ReportFacts, year: number, now: Date, unitIds: string[]): DraftBases {
  const sum = (tallies: Map<string, Tally>) => basesOf(addTallies([...tallies.values()]));
  const { until } = previousPeriod(year, now).tally;
  return {
    previous: until
      ? basesOf(tallyCases(year - 1, now, facts.periodCases(year - 1, until, unitIds), { until }))
      : sum(facts.caseTallies(year - 1, now, unitIds)),
    current: sum(facts.caseTallies(year, now, unitIds)),
  };
}
