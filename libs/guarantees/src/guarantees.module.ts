import { Module, OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ProjectionsHost } from '@app/platform';
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
  constructor(private readonly projections: ProjectionsHost) {}

  onModuleInit(): void {
    this.projections.register(guaranteesProjection);
    this.projections.register(breachesProjection);
  }
}
