import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ProjectionsHost } from '@app/platform';
import { ReportFacts } from './report-facts/report-facts.reader';
import { reportProjectionFor } from './report-facts/report-projection-for';
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
  constructor(
    private readonly projections: ProjectionsHost,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  onModuleInit(): void {
    this.projections.register(reportProjectionFor(this.store.kind));
  }
}
