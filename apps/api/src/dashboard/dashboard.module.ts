import { Module } from '@nestjs/common';
import { FollowUpDashboardModule } from '@app/follow-up';
import { DashboardPageController } from './dashboard-page.controller';

/** GET /dashboard (the page and its script) and the JSON figures under /api/dashboard it draws. */
@Module({
  imports: [FollowUpDashboardModule],
  controllers: [DashboardPageController],
})
export class DashboardModule {}
