import { Module, OnModuleInit } from '@nestjs/common';
import { ProjectionsHost } from '@app/platform';
import { reportProjection } from './report.projection';
import { ReportFacts } from './report.service';
import { UnitFollowUpController } from './unit-follow-up.http.controller';
import { YearlyReportController } from './yearly-report.http.controller';

@Module({
  controllers: [YearlyReportController, UnitFollowUpController],
  providers: [ReportFacts],
  exports: [ReportFacts],
})
export class FollowUpModule implements OnModuleInit {
  constructor(private readonly projections: ProjectionsHost) {}

  onModuleInit(): void {
    this.projections.register(reportProjection);
  }
}
