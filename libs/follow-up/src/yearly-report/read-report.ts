import { ReportFacts } from '../report-facts/report-facts.reader';
import { previousPeriod, withPreviousYear, ComparedReport } from './year-against-year';
import { ReportInput, YearlyReport, yearlyReport } from './yearly-figures';

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
  if (scope) input.units = input.units.filter((u) => scope.includes(u.id));
  const categories = await facts.categories();
  const filter = { department: q.department, district: q.district };
  const report = yearlyReport(input, q.year, now, filter, facts.caseTallies(q.year, now, scope), { categories });
  if (!q.compare) return { report, input, now };

  const prev = q.year - 1;
  const { period, tally } = previousPeriod(q.year, now);
  // The live read model is read for the year before (its cases only for a part of it).
  const prevInput = { ...facts.current(prev, scope), units: input.units };
  if (tally.until) prevInput.cases = facts.periodCases(prev, tally.until, scope);
  const prevTallies = tally.until ? undefined : facts.caseTallies(prev, now, scope);
  const previous = yearlyReport(prevInput, prev, now, filter, prevTallies, { categories, period: tally });
  return { report: withPreviousYear(report, previous, period), input, now };
}
