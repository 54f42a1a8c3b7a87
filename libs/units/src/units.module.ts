import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ProjectionsHost, ResourceReaders, ResourceResult } from '@app/platform';
import { CloseUnitHandler } from './close-unit/close-unit.handler';
import { CloseUnitController } from './close-unit/close-unit.http.controller';
import { ListUnitsController } from './list-units/list-units.http.controller';
import { unitsProjection } from './list-units/units.projection';
import { RegisterUnitHandler } from './register-unit/register-unit.handler';
import { RegisterUnitController } from './register-unit/register-unit.http.controller';
import { RenameUnitHandler } from './rename-unit/rename-unit.handler';
import { RenameUnitController } from './rename-unit/rename-unit.http.controller';
import { requireUnit } from './load-unit';
import { UNIT_CATEGORY } from './unit.events';
import { toUnitView } from './unit.view';

@Module({
  imports: [CqrsModule],
  controllers: [RegisterUnitController, RenameUnitController, CloseUnitController, ListUnitsController],
  providers: [RegisterUnitHandler, RenameUnitHandler, CloseUnitHandler],
})
export class UnitsModule implements OnModuleInit {
  constructor(
    private readonly projections: ProjectionsHost,
    private readonly readers: ResourceReaders,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  onModuleInit(): void {
    this.projections.register(unitsProjection);
    // Every role reads units: an idempotent replay answers with the unit as it is now.
    this.readers.register(UNIT_CATEGORY, async (id) => {
      const unit = await requireUnit(this.store, id);
      return new ResourceResult(toUnitView(unit), unit.revision);
    });
  }
}
