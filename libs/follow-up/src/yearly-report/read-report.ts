import type { CaseFact } from '../report-facts/report-facts';
import { ReportFacts } from '../report-facts/report-facts.reader';
import { assembleReport, YearFacts } from './assemble-report';
import { Period, Tally, tallyCases } from './tally';
import { ComparedReport } from './year-against-year';
import { ReportInput, YearlyReport } from './yearly-figures';

export interface ReportParams {
  year: number;
  /** Record time: the report as the system showed it then (both years, and the category list, as they stood). */
  asOf?: string;
  /** Add the period of the year before to every row (see previousPeriod). */
  compare?: boolean;
  department?: string;
  district?: string;
}

/**
 * The yearly report for the units in `scope` (undefined = all): as of `q.asOf` computed whole in a replay thread (only
 * the report comes back), otherwise from the live read model; with `compare`, beside the same figures for the period
 * of the year before.
 */
export async function readReport(facts: ReportFacts, q: ReportParams, scope: string[] | undefined): Promise<YearlyReport | ComparedReport> {
  const asOf = facts.asOfInstant(q.asOf);
  if (!asOf) return (await readLiveReport(facts, q, scope)).report;
  const { asOf: _instant, ...params } = q;
  return facts.replayFigures('yearlyReport', { params, scope }, asOf);
}

/** The case tallies per unit a live report was computed from: the year's, and with `compare` the period before's. */
export interface LiveTallies {
  current: Map<string, Tally>;
  previous?: Map<string, Tally>;
}

/** The yearly report from the live read model (`q.asOf` is not read), the input and the case tallies it was built from. */
export async function readLiveReport(
  facts: ReportFacts,
  q: ReportParams,
  scope: string[] | undefined,
): Promise<{ report: YearlyReport | ComparedReport; input: ReportInput; now: Date; tallies: LiveTallies }> {
  const { now, input } = facts.load(q.year, scope);
  const categories = await facts.categories();
  const prev = q.year - 1;
  const tallies: LiveTallies = { current: facts.caseTallies(q.year, now, scope) };
  // The live read model is read again for the year before: its cases for part of the year, else their SQL tallies.
  const yearBefore = (until: string | undefined): YearFacts => {
    tallies.previous = until
      ? tallyByUnit(prev, now, facts.periodCases(prev, until, scope), { until })
      : facts.caseTallies(prev, now, scope);
    return { input: facts.current(prev, scope), caseTallies: tallies.previous };
  };
  const report = assembleReport(q, scope, { now, categories, year: { input, caseTallies: tallies.current }, yearBefore });
  return { report, input, now, tallies };
}

/** Each unit's tally of these cases (as yearlyReport tallies cases it is given). */
function tallyByUnit(year: number, now: Date, cases: CaseFact[], period: Period): Map<string, Tally> {
  const byUnit = new Map<string, CaseFact[]>();
  for (const c of cases) {
    const unitCases = byUnit.get(c.unitId);
    if (unitCases) unitCases.push(c);
    else byUnit.set(c.unitId, [c]);
  }
  return new Map([...byUnit].map(([unitId, unitCases]) => [unitId, tallyCases(year, now, unitCases, period)]));
}
