import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { assertUnitAccess, Principal } from '@app/auth';
import { NotFoundError } from '@app/core';
import { ReportFacts } from '../report-facts/report-facts.reader';
import { openAndOverdue, UnitFigures, yearlyReport } from '../yearly-report/yearly-figures';

/** One unit's figures for the year, with its open and overdue cases (as of now, or as of a past record-time instant). */
export class GetUnitFollowUp {
  constructor(
    readonly unitId: string,
    readonly params: { year: number; asOf?: string },
    readonly user: Principal,
  ) {}
}

export type UnitFollowUp = { year: number; asOf: string; unit: UnitFigures } & ReturnType<typeof openAndOverdue>;

@QueryHandler(GetUnitFollowUp)
export class GetUnitFollowUpHandler implements IQueryHandler<GetUnitFollowUp, UnitFollowUp> {
  constructor(private readonly facts: ReportFacts) {}

  async execute({ unitId: id, params: q, user }: GetUnitFollowUp): Promise<UnitFollowUp> {
    if (!user.roles.includes('auditor')) assertUnitAccess(user, id);
    const asOf = this.facts.asOfInstant(q.asOf);
    const { now, input } = await this.facts.load(q.year, asOf, [id]);
    const unit = input.units.find((u) => u.id === id);
    if (!unit) throw new NotFoundError('unit', id);
    const report = yearlyReport({ ...input, units: [unit] }, q.year, now, {}, asOf ? undefined : this.facts.caseTallies(q.year, now, [id]));
    const unitCases = asOf ? input.cases.filter((c) => c.unitId === id) : this.facts.openCasesOf(id);
    return { year: q.year, asOf: now.toISOString(), unit: report.units[0], ...openAndOverdue(unitCases, now) };
  }
}
