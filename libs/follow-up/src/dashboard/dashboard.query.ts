import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { assertUnitAccess, Principal } from '@app/auth';
import { NotFoundError, stockholmDate } from '@app/core';
import { ReportFacts } from '../report-facts/report-facts.reader';
import { reportScope } from '../report-facts/report-scope';
import { ReportInput } from '../yearly-report/yearly-figures';
import { CommitmentFigures, commitmentFigures, MonthOnTime, onTimeByMonth } from './dashboard-figures';

export interface DashboardParams {
  year: number;
  asOf?: string;
  unitId?: string;
  department?: string;
}

/** Acknowledged and responded on time, per month of receipt. */
export class GetOnTimeByMonth {
  constructor(
    readonly params: DashboardParams,
    readonly user: Principal,
  ) {}
}

/** Breaches and remedies of the year per guarantee commitment. */
export class GetCommitmentFigures {
  constructor(
    readonly params: DashboardParams,
    readonly user: Principal,
  ) {}
}

/** The report facts of the units a dashboard read covers: scoped like the report, narrowed to a unit or department. */
export async function dashboardFacts(facts: ReportFacts, q: DashboardParams, user: Principal, withCases: boolean) {
  const asOf = facts.asOfInstant(q.asOf);
  if (q.unitId && !user.roles.includes('auditor')) assertUnitAccess(user, q.unitId);
  const scope = reportScope(user);
  const { now, input: all } = await facts.load(q.year, asOf, scope);
  const units = all.units.filter(
    (u) => (!scope || scope.includes(u.id)) && (!q.unitId || u.id === q.unitId) && (!q.department || u.department === q.department),
  );
  if (q.unitId && !units.length) throw new NotFoundError('unit', q.unitId);
  const ids = new Set(units.map((u) => u.id));
  const mine = <T extends { unitId: string }>(items: T[]) => items.filter((i) => ids.has(i.unitId));
  const cases = !withCases ? [] : asOf ? mine(all.cases) : facts.yearCases(q.year, [...ids]);
  const input: ReportInput = { units, cases, breaches: mine(all.breaches), guarantees: mine(all.guarantees) };
  return { now, input };
}

@QueryHandler(GetOnTimeByMonth)
export class GetOnTimeByMonthHandler implements IQueryHandler<GetOnTimeByMonth> {
  constructor(private readonly facts: ReportFacts) {}

  async execute({ params: q, user }: GetOnTimeByMonth): Promise<{ year: number; asOf: string; months: MonthOnTime[] }> {
    const { now, input } = await dashboardFacts(this.facts, q, user, true);
    return { year: q.year, asOf: now.toISOString(), months: onTimeByMonth(input.cases, q.year, now) };
  }
}

@QueryHandler(GetCommitmentFigures)
export class GetCommitmentFiguresHandler implements IQueryHandler<GetCommitmentFigures> {
  constructor(private readonly facts: ReportFacts) {}

  async execute({ params: q, user }: GetCommitmentFigures): Promise<{ year: number; asOf: string; commitments: CommitmentFigures[] }> {
    const { now, input } = await dashboardFacts(this.facts, q, user, false);
    const commitments = commitmentFigures(input.guarantees, input.breaches, q.year, stockholmDate(now));
    return { year: q.year, asOf: now.toISOString(), commitments };
  }
}
