import { ReportFacts } from '../report-facts/report-facts.reader';
import { assembleReport, YearFacts } from './assemble-report';
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

/** The yearly report from the live read model (`q.asOf` is not read), and the input it was built from. */
export async function readLiveReport(
  facts: ReportFacts,
  q: ReportParams,
  scope: string[] | undefined,
): Promise<{ report: YearlyReport | ComparedReport; input: ReportInput; now: Date }> {
  const { now, input } = facts.load(q.year, scope);
  const categories = await facts.categories();
  const prev = q.year - 1;
  // The live read model is read again for the year before: its cases for part of the year, else their SQL tallies.
  const yearBefore = (until: string | undefined): YearFacts => {
    const prevInput = facts.current(prev, scope);
    if (until) return { input: { ...prevInput, cases: facts.periodCases(prev, until, scope) } };
    return { input: prevInput, caseTallies: facts.caseTallies(prev, now, scope) };
  };
  const year = { input, caseTallies: facts.caseTallies(q.year, now, scope) };
  const report = assembleReport(q, scope, { now, categories, year, yearBefore });
  return { report, input, now };
}
