import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { assertMaySeeUnit, Principal, unitsVisibleTo } from '@app/auth';
import { NotFoundError } from '@app/core';
import { ReportFacts } from '../report-facts/report-facts.reader';
import { ReportInput } from '../yearly-report/yearly-figures';
import {
  commitmentsAnswer,
  DashboardAnswer,
  dashboardInput,
  DashboardParams,
  dashboardUnits,
  DashboardView,
  onTimeAnswer,
} from './dashboard-answers';

export type { DashboardParams } from './dashboard-answers';

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

/**
 * A dashboard read scoped like the report, narrowed to a unit or department: as of `q.asOf` its whole answer computed
 * in a replay thread (only the answer comes back); otherwise `live` computes it from the live read model's facts.
 */
export async function dashboardRead<V extends DashboardView>(
  facts: ReportFacts,
  q: DashboardParams,
  user: Principal,
  view: V,
  live: (input: ReportInput, now: Date) => DashboardAnswer<V> | Promise<DashboardAnswer<V>>,
): Promise<DashboardAnswer<V>> {
  const asOf = facts.asOfInstant(q.asOf);
  if (q.unitId) assertMaySeeUnit(user, q.unitId);
  const scope = unitsVisibleTo(user);
  if (asOf) {
    const answer = await facts.replayFigures('dashboard', { view, params: q, scope }, asOf);
    if (!answer) throw new NotFoundError('unit', q.unitId!);
    return answer as DashboardAnswer<V>;
  }
  const { now, input: all } = facts.load(q.year, scope);
  const units = dashboardUnits(all.units, q, scope);
  if (q.unitId && !units.length) throw new NotFoundError('unit', q.unitId);
  // The live read model's cases of the year only, and only for the views that count cases.
  const cases =
    view === 'commitments'
      ? []
      : facts.yearCases(
          q.year,
          units.map((u) => u.id),
        );
  return live(dashboardInput(all, units, cases), now);
}

@QueryHandler(GetOnTimeByMonth)
export class GetOnTimeByMonthHandler implements IQueryHandler<GetOnTimeByMonth> {
  constructor(private readonly facts: ReportFacts) {}

  execute({ params: q, user }: GetOnTimeByMonth): Promise<DashboardAnswer<'onTime'>> {
    return dashboardRead(this.facts, q, user, 'onTime', (input, now) => onTimeAnswer(q, input, now));
  }
}

@QueryHandler(GetCommitmentFigures)
export class GetCommitmentFiguresHandler implements IQueryHandler<GetCommitmentFigures> {
  constructor(private readonly facts: ReportFacts) {}

  execute({ params: q, user }: GetCommitmentFigures): Promise<DashboardAnswer<'commitments'>> {
    return dashboardRead(this.facts, q, user, 'commitments', (input, now) => commitmentsAnswer(q, input, now));
  }
}
