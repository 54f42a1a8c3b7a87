import { Module, OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ProjectionsHost } from '@app/platform';
import { ReportFacts } from './report-facts/report-facts.reader';
import { reportProjection } from './report-facts/report.projection';
import { UnitFollowUpController } from './unit-follow-up/unit-follow-up.http.controller';
import { GetUnitFollowUpHandler } from './unit-follow-up/unit-follow-up.query';
import { YearlyReportController } from './yearly-report/yearly-report.http.controller';
import { GetYearlyReportHandler } from './yearly-report/yearly-report.query';
import { VerksamhetsberattelseController } from './verksamhetsberattelse/verksamhetsberattelse.http.controller';
import { GetVerksamhetsberattelseHandler } from './verksamhetsberattelse/verksamhetsberattelse.query';

@Module({
  imports: [CqrsModule],
  controllers: [YearlyReportController, UnitFollowUpController, VerksamhetsberattelseController],
  providers: [ReportFacts, GetYearlyReportHandler, GetUnitFollowUpHandler, GetVerksamhetsberattelseHandler],
  exports: [ReportFacts],
})
export class FollowUpModule implements OnModuleInit {
  constructor(private readonly projections: ProjectionsHost) {}

  onModuleInit(): void {
    this.projections.register(reportProjection);
  }
}
