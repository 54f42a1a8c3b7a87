import { Module, OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ProjectionsHost } from '@app/platform';
import { CloseUnitHandler } from './close-unit/close-unit.handler';
import { CloseUnitController } from './close-unit/close-unit.http.controller';
import { ListUnitsController } from './list-units/list-units.http.controller';
import { unitsProjection } from './list-units/units.projection';
import { RegisterUnitHandler } from './register-unit/register-unit.handler';
import { RegisterUnitController } from './register-unit/register-unit.http.controller';
import { RenameUnitHandler } from './rename-unit/rename-unit.handler';
import { RenameUnitController } from './rename-unit/rename-unit.http.controller';

@Module({
  imports: [CqrsModule],
  controllers: [RegisterUnitController, RenameUnitController, CloseUnitController, ListUnitsController],
  providers: [RegisterUnitHandler, RenameUnitHandler, CloseUnitHandler],
})
export class UnitsModule implements OnModuleInit {
  constructor(private readonly projections: ProjectionsHost) {}

  onModuleInit(): void {
    this.projections.register(unitsProjection);
  }
}
