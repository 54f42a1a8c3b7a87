import { BreachStepsController } from './breach-steps.http.controller';
import { GuaranteeStepsController } from './guarantee-steps.http.controller';
import { Module, OnModuleInit } from '@nestjs/common';
import { CqrsModule, QueryBus } from '@nestjs/cqrs';
import { ProjectionsHost, ResourceReaders } from '@app/platform';
import { BreachStepHandler } from './breach-step.handler';
import { DraftGuaranteeHandler } from './draft-guarantee/draft-guarantee.handler';
import { DraftGuaranteeController } from './draft-guarantee/draft-guarantee.http.controller';
import { GuaranteeStepHandler } from './guarantee-step.handler';
import { breachesProjection } from './list-breaches/breaches.projection';
import { GetBreachHandler, GetRemedyHandler } from './list-breaches/get-breach.query';
import { ListBreachesController } from './list-breaches/list-breaches.http.controller';
import { ListBreachesHandler } from './list-breaches/list-breaches.query';
import { GetGuaranteeHandler } from './list-guarantees/get-guarantee.query';
import { guaranteesProjection } from './list-guarantees/guarantees.projection';
import { ListGuaranteesController } from './list-guarantees/list-guarantees.http.controller';
import { ListGuaranteesHandler } from './list-guarantees/list-guarantees.query';
import { PlanRemedyHandler } from './plan-remedy/plan-remedy.handler';
import { ReportBreachHandler } from './report-breach/report-breach.handler';
import { ReportBreachController } from './report-breach/report-breach.http.controller';
import { registerResourceReaders } from './resource-readers';

@Module({
  imports: [CqrsModule],
  controllers: [
    DraftGuaranteeController,
    GuaranteeStepsController,
    ListGuaranteesController,
    ReportBreachController,
    BreachStepsController,
    ListBreachesController,
  ],
  providers: [
    DraftGuaranteeHandler,
    GuaranteeStepHandler,
    ReportBreachHandler,
    BreachStepHandler,
    PlanRemedyHandler,
    ListGuaranteesHandler,
    GetGuaranteeHandler,
    ListBreachesHandler,
    GetBreachHandler,
    GetRemedyHandler,
  ],
})
export class GuaranteesModule implements OnModuleInit {
  constructor(
    private readonly projections: ProjectionsHost,
    private readonly readers: ResourceReaders,
    private readonly queries: QueryBus,
  ) {}

  onModuleInit(): void {
    this.projections.register(guaranteesProjection);
    this.projections.register(breachesProjection);
    registerResourceReaders(this.readers, this.queries);
  }
}
