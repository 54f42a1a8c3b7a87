import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { FollowUpModule } from '../follow-up.module';
import { DashboardApiController } from './dashboard.http.controller';
import { GetFigureCasesHandler } from './dashboard-cases.query';
import { GetCommitmentFiguresHandler, GetOnTimeByMonthHandler } from './dashboard.query';

/** The dashboard's JSON figures, on top of the follow-up module's report facts. */
@Module({
  imports: [CqrsModule, FollowUpModule],
  controllers: [DashboardApiController],
  providers: [GetOnTimeByMonthHandler, GetCommitmentFiguresHandler, GetFigureCasesHandler],
})
export class FollowUpDashboardModule {}
