import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ProjectionsHost, ResourceReaders } from '@app/platform';
import { AdoptGuaranteeController } from './adopt-guarantee/adopt-guarantee.http.controller';
import { BreachCommands } from './breach-commands';
import { CompleteRemedyController } from './complete-remedy/complete-remedy.http.controller';
import { DecideBreachController } from './decide-breach/decide-breach.http.controller';
import { DraftGuaranteeHandler } from './draft-guarantee/draft-guarantee.handler';
import { DraftGuaranteeController } from './draft-guarantee/draft-guarantee.http.controller';
import { GuaranteeCommands } from './guarantee-command';
import { breachesProjection } from './list-breaches/breaches.projection';
import { ListBreachesController } from './list-breaches/list-breaches.http.controller';
import { guaranteesProjection } from './list-guarantees/guarantees.projection';
import { ListGuaranteesController } from './list-guarantees/list-guarantees.http.controller';
import { PlanRemedyController } from './plan-remedy/plan-remedy.http.controller';
import { ReportBreachHandler } from './report-breach/report-breach.handler';
import { ReportBreachController } from './report-breach/report-breach.http.controller';
import { registerResourceReaders } from './resource-readers';
import { ReviseGuaranteeController } from './revise-guarantee/revise-guarantee.http.controller';
import { WithdrawGuaranteeController } from './withdraw-guarantee/withdraw-guarantee.http.controller';

@Module({
  imports: [CqrsModule],
  controllers: [
    DraftGuaranteeController,
    ReviseGuaranteeController,
    AdoptGuaranteeController,
    WithdrawGuaranteeController,
    ListGuaranteesController,
    ReportBreachController,
    DecideBreachController,
    PlanRemedyController,
    CompleteRemedyController,
    ListBreachesController,
  ],
  providers: [DraftGuaranteeHandler, ReportBreachHandler, GuaranteeCommands, BreachCommands],
  exports: [ReportBreachHandler],
})
export class GuaranteesModule implements OnModuleInit {
  constructor(
    private readonly projections: ProjectionsHost,
    private readonly readers: ResourceReaders,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.projections.register(guaranteesProjection);
    this.projections.register(breachesProjection);
    registerResourceReaders(this.readers, this.store, this.clock);
  }
}
