import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Inject } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ResourceResult } from '@app/platform';
import { requireUnit } from '../load-unit';
import { toUnitView, UnitView } from '../unit.view';

/** One unit straight from its stream (reads the caller's own writes), with its revision as ETag. */
export class GetUnit {
  constructor(readonly unitId: string) {}
}

@QueryHandler(GetUnit)
export class GetUnitHandler implements IQueryHandler<GetUnit, ResourceResult<UnitView>> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ unitId }: GetUnit) {
    const unit = await requireUnit(this.store, unitId);
    return new ResourceResult(toUnitView(unit), unit.revision);
  }
}
