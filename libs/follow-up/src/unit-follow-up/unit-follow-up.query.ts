import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { assertMaySeeUnit, Principal } from '@app/auth';
import { NotFoundError } from '@app/core';
import { ReportFacts } from '../report-facts/report-facts.reader';
import { readLiveReport } from '../yearly-report/read-report';
import { UnitFollowUp, unitFollowUpOf } from './unit-follow-up-figures';

export type { UnitFollowUp } from './unit-follow-up-figures';

/** One unit's figures for the year, with its open and overdue cases (as of now, or as of a past record-time instant). */
export class GetUnitFollowUp {
  constructor(
    readonly unitId: string,
    readonly params: { year: number; asOf?: string; compare?: boolean },
    readonly user: Principal,
  ) {}
}

@QueryHandler(GetUnitFollowUp)
export class GetUnitFollowUpHandler implements IQueryHandler<GetUnitFollowUp, UnitFollowUp> {
  constructor(private readonly facts: ReportFacts) {}

  async execute({ unitId: id, params: q, user }: GetUnitFollowUp): Promise<UnitFollowUp> {
    assertMaySeeUnit(user, id);
    const asOf = this.facts.asOfInstant(q.asOf);
    const answer = asOf
      ? await this.facts.replayFigures('unitFollowUp', { unitId: id, year: q.year, compare: q.compare }, asOf)
      : await this.live(id, q);
    if (!answer) throw new NotFoundError('unit', id);
    return answer;
  }

  /** From the live read model; the open and overdue lists are picked from all the unit's cases, whatever their year. */
  private async live(id: string, q: GetUnitFollowUp['params']): Promise<UnitFollowUp | undefined> {
    const { report, now } = await readLiveReport(this.facts, q, [id]);
    return report.units.length ? unitFollowUpOf(q.year, report, this.facts.caseFactsOf(id), now) : undefined;
  }
}
