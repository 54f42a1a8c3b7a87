import { Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CurrentUser, Principal } from '@app/auth';
import { ProjectionRead, ApiController } from '@app/platform';
import { FiguresRead } from '../report-facts/figures-read';
import { REPORT_PROJECTION } from '../report-facts/report.projection';
import { DashboardParams, GetCommitmentFigures, GetOnTimeByMonth } from './dashboard.query';
import { GetFigureCases } from './dashboard-cases.query';
import { DashboardCasesQuery, DashboardQuery } from './dashboard.request.dto';

const paramsOf = ({ year, asOf, unitId, department }: DashboardQuery): DashboardParams => ({ year, asOf, unitId, department });

/** Read-only figures the managers' dashboard draws and the yearly report does not give: scoped like the report. */
@ApiController('reports', 'api/dashboard')
export class DashboardApiController {
  constructor(private readonly queries: QueryBus) {}

  /** Acknowledged and responded on time, per month of receipt. */
  @FiguresRead('on-time-by-month')
  @ProjectionRead(REPORT_PROJECTION)
  onTime(@Query() q: DashboardQuery, @CurrentUser() user: Principal) {
    return this.queries.execute(new GetOnTimeByMonth(paramsOf(q), user));
  }

  /** Breaches and remedies of the year per guarantee commitment. */
  @FiguresRead('commitments')
  @ProjectionRead(REPORT_PROJECTION)
  commitments(@Query() q: DashboardQuery, @CurrentUser() user: Principal) {
    return this.queries.execute(new GetCommitmentFigures(paramsOf(q), user));
  }

  /** The cases behind a figure of the year (received, acknowledged or responded on time): no personal data. */
  @FiguresRead('cases')
  @ProjectionRead(REPORT_PROJECTION)
  cases(@Query() q: DashboardCasesQuery, @CurrentUser() user: Principal) {
    return this.queries.execute(new GetFigureCases({ ...paramsOf(q), figure: q.figure, category: q.category }, user));
  }
}
