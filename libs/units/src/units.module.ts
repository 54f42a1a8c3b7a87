import { Module, OnModuleInit } from '@nestjs/common';
import { CqrsModule, QueryBus } from '@nestjs/cqrs';
import { ProjectionsHost, ResourceReaders } from '@app/platform';
import { ListUnitsController } from './list-units/list-units.http.controller';
import { unitsProjection } from './list-units/units.projection';
import { RegisterUnitHandler } from './register-unit/register-unit.handler';
import { RegisterUnitController } from './register-unit/register-unit.http.controller';
import { UnitStepHandler } from './unit-lifecycle/unit-step.handler';
import { UnitStepsController } from './unit-lifecycle/unit-steps.http.controller';
import { GetUnit, GetUnitHandler } from './get-unit/get-unit.query';
import { ListUnitsHandler } from './list-units/list-units.query';
import { UNIT_CATEGORY } from './unit.events';

@Module({
  imports: [CqrsModule],
  controllers: [RegisterUnitController, UnitStepsController, ListUnitsController],
  providers: [RegisterUnitHandler, UnitStepHandler, ListUnitsHandler, GetUnitHandler],
})
export class UnitsModule implements OnModuleInit {
  constructor(
    private readonly projections: ProjectionsHost,
    private readonly readers: ResourceReaders,
    private readonly queries: QueryBus,
  ) {}

  onModuleInit(): void {
    this.projections.register(unitsProjection);
    // Every role reads units: an idempotent replay answers with the unit as it is now.
    this.readers.register(UNIT_CATEGORY, (id) => this.queries.execute(new GetUnit(id)));
  }
}
