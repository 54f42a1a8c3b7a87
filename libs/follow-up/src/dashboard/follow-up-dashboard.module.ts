import { Module } from '@nestjs/common';
import { FollowUpModule } from '../follow-up.module';
import { DashboardApiController } from './dashboard.http.controller';

/** The dashboard's JSON figures, on top of the follow-up module's report facts. */
@Module({
  imports: [FollowUpModule],
  controllers: [DashboardApiController],
})
export class FollowUpDashboardModule {}
