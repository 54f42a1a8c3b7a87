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
 * The yearly report for the units in `scope` (undefined = all), from the live read model or an as-of replay; with
 * `compare`, beside the same figures for the period of the year before. Also the input it was built from.
 */
export async function readReport(
  facts: ReportFacts,
  q: ReportParams,
  scope: string[] | undefined,
): Promise<{ report: YearlyReport | ComparedReport; input: ReportInput; now: Date; asOf?: Date }> {
  const asOf = facts.asOfInstant(q.asOf);
  const { now, input } = await facts.load(q.year, asOf, scope);
  if (scope) input.units = input.units.filter((u) => scope.includes(u.id));
  const categories = await facts.categories(asOf);
  const filter = { department: q.department, district: q.district };
  const report = yearlyReport(input, q.year, now, filter, asOf ? undefined : facts.caseTallies(q.year, now, scope), { categories });
  if (!q.compare) return { report, input, now, asOf };

  const prev = q.year - 1;
  const { period, tally } = previousPeriod(q.year, now);
  // An as-of replay holds every year; the live read model is read for the year before (its cases only for a part of it).
  const prevInput = asOf ? input : { ...facts.current(prev, scope), units: input.units };
  if (!asOf && tally.until) prevInput.cases = facts.periodCases(prev, tally.until, scope);
  const prevTallies = asOf || tally.until ? undefined : facts.caseTallies(prev, now, scope);
  const previous = yearlyReport(prevInput, prev, now, filter, prevTallies, { categories, period: tally });
  return { report: withPreviousYear(report, previous, period), input, now, asOf };
}
