import type { CategoryList } from '@app/cases/projections';
import type { ReportParams } from './read-report';
import type { Tally } from './tally';
import { ComparedReport, previousPeriod, withPreviousYear } from './year-against-year';
import { ReportInput, YearlyReport, yearlyReport } from './yearly-figures';

/** A year's facts, with its case tallies where the live read model aggregated them in SQL (otherwise tallied from `input.cases`). */
export interface YearFacts {
  input: ReportInput;
  caseTallies?: Map<string, Tally>;
}

/** What a report is assembled from: the live read model's rows, or the facts an as-of replay folded. */
export interface ReportSources {
  now: Date;
  categories: CategoryList;
  /** The facts of the report's year; its units are narrowed to the scope in place. */
  year: YearFacts;
  /** The facts of the year before, asked for only with `compare`; while the year runs, `until` ends the period compared. */
  yearBefore: (until: string | undefined) => YearFacts;
}

/**
 * The yearly report for the units in `scope` (undefined = all), and with `compare` beside the figures of the period of
 * the year before for the same units: the steps a live read and an as-of replay share.
 */
export function assembleReport(
  q: Omit<ReportParams, 'asOf'>,
  scope: string[] | undefined,
  from: ReportSources,
): YearlyReport | ComparedReport {
  const { now, categories, year } = from;
  const input = year.input;
  if (scope) input.units = input.units.filter((u) => scope.includes(u.id));
  const filter = { department: q.department, district: q.district };
  const report = yearlyReport(input, q.year, now, filter, year.caseTallies, { categories });
  if (!q.compare) return report;
  const { period, tally } = previousPeriod(q.year, now);
  const before = from.yearBefore(tally.until);
  const prevInput = { ...before.input, units: input.units };
  const previous = yearlyReport(prevInput, q.year - 1, now, filter, before.caseTallies, { categories, period: tally });
  return withPreviousYear(report, previous, period);
}
