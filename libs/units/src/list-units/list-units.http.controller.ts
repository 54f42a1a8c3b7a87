import { Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { AnyStaffRole } from '@app/auth';
import { ProjectionRead, ApiController } from '@app/platform';
import { GetUnit } from '../get-unit/get-unit.query';
import { ListUnits } from './list-units.query';
import { ListUnitsQuery } from './list-units.request.dto';
import { UNITS_PROJECTION } from './units.projection';

/** Every role reads units: the list from the projection, one unit straight from its stream. */
@ApiController('units', 'api/units')
export class ListUnitsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @AnyStaffRole()
  @ProjectionRead(UNITS_PROJECTION)
  list(@Query() q: ListUnitsQuery) {
    return this.queries.execute(new ListUnits({ department: q.department, district: q.district, status: q.status }));
  }

  @Get(':id')
  @AnyStaffRole()
  get(@Param('id') id: string) {
    return this.queries.execute(new GetUnit(id));
  }
}
