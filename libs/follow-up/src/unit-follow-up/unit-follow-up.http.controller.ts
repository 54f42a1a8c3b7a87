import { Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CurrentUser, Principal } from '@app/auth';
import { ProjectionRead, ApiController } from '@app/platform';
import { FiguresRead } from '../report-facts/figures-read';
import { REPORT_PROJECTION } from '../report-facts/report.projection';
import { GetUnitFollowUp } from './unit-follow-up.query';
import { UnitFollowUpQuery } from './unit-follow-up.request.dto';

@ApiController('reports', 'api/units')
export class UnitFollowUpController {
  constructor(private readonly queries: QueryBus) {}

  /** The unit's figures for the year, with its open and overdue cases (as of now, or as of a past instant); `compare` adds the change. */
  @FiguresRead(':id/follow-up')
  @ProjectionRead(REPORT_PROJECTION)
  followUp(@Param('id') id: string, @Query() q: UnitFollowUpQuery, @CurrentUser() user: Principal) {
    return this.queries.execute(new GetUnitFollowUp(id, { year: q.year, asOf: q.asOf, compare: q.compare === 'true' }, user));
  }
}
