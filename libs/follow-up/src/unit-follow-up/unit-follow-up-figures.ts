import type { CaseFact } from '../report-facts/report-facts';
import { ComparedReport, FigureChanges, figureChanges, PreviousPeriod } from '../yearly-report/year-against-year';
import { openAndOverdue, UnitFigures, YearlyReport } from '../yearly-report/yearly-figures';

export type UnitFollowUp = { year: number; asOf: string; categories: YearlyReport['categories']; unit: UnitFigures } & {
  /** With compare: the period compared with, and how each headline figure changed since then. */
  previousPeriod?: PreviousPeriod;
  change?: FigureChanges;
} & ReturnType<typeof openAndOverdue>;

/**
 * A unit's follow-up from the report of that unit alone and its cases (`unitCases`: those the open and overdue lists
 * are picked from); undefined when the report has no such unit (a 404 for the caller).
 */
export function unitFollowUpOf(
  year: number,
  report: YearlyReport | ComparedReport,
  unitCases: CaseFact[],
  now: Date,
): UnitFollowUp | undefined {
  const unit = report.units[0];
  if (!unit) return undefined;
  const compared = 'previousPeriod' in report ? (report as ComparedReport) : undefined;
  return {
    year,
    asOf: now.toISOString(),
    categories: report.categories,
    unit,
    ...(compared ? { previousPeriod: compared.previousPeriod, change: figureChanges(unit, compared.units[0].previousYear) } : {}),
    ...openAndOverdue(unitCases, now),
  };
}
