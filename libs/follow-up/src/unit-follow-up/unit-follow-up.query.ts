import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { assertUnitAccess, Principal } from '@app/auth';
import { NotFoundError } from '@app/core';
import { ReportFacts } from '../report-facts/report-facts.reader';
import { readReport } from '../yearly-report/read-report';
import { ComparedReport, FigureChanges, figureChanges, PreviousPeriod } from '../yearly-report/year-against-year';
import { openAndOverdue, UnitFigures, YearlyReport } from '../yearly-report/yearly-figures';

/** One unit's figures for the year, with its open and overdue cases (as of now, or as of a past record-time instant). */
export class GetUnitFollowUp {
  constructor(
    readonly unitId: string,
    readonly params: { year: number; asOf?: string; compare?: boolean },
    readonly user: Principal,
  ) {}
}

export type UnitFollowUp = { year: number; asOf: string; categories: YearlyReport['categories']; unit: UnitFigures } & {
  /** With compare: the period compared with, and how each headline figure changed since then. */
  previousPeriod?: PreviousPeriod;
  change?: FigureChanges;
} & ReturnType<typeof openAndOverdue>;

@QueryHandler(GetUnitFollowUp)
export class GetUnitFollowUpHandler implements IQueryHandler<GetUnitFollowUp, UnitFollowUp> {
  constructor(private readonly facts: ReportFacts) {}

  async execute({ unitId: id, params: q, user }: GetUnitFollowUp): Promise<UnitFollowUp> {
    if (!user.roles.includes('auditor')) assertUnitAccess(user, id);
    const { report, input, now, asOf } = await readReport(this.facts, q, [id]);
    const unit = report.units[0];
    if (!unit) throw new NotFoundError('unit', id);
    const unitCases = asOf ? input.cases.filter((c) => c.unitId === id) : this.facts.openCasesOf(id);
    const compared = 'previousPeriod' in report ? (report as ComparedReport) : undefined;
    return {
      year: q.year,
      asOf: now.toISOString(),
      categories: report.categories,
      unit,
      ...(compared ? { previousPeriod: compared.previousPeriod, change: figureChanges(unit, compared.units[0].previousYear) } : {}),
      ...openAndOverdue(unitCases, now),
    };
  }
}
