import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AnyStaffRole } from '@app/auth';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ProjectionRead, ProjectionsHost, ResourceResult, SqlFilter } from '@app/platform';
import { requireUnit } from '../load-unit';
import { toUnitView } from '../unit.view';
import { ListUnitsQuery } from './list-units.request.dto';
import { UNITS_PROJECTION } from './units.projection';

interface UnitRow {
  id: string;
  name: string;
  department: string;
  district: string;
  status: string;
  registered_at: string;
  closed_at: string | null;
}

/** Every role reads units: the list from the projection, one unit straight from its stream. */
@ApiTags('units')
@ApiBearerAuth()
@Controller('api/units')
export class ListUnitsController {
  constructor(
    private readonly host: ProjectionsHost,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get()
  @AnyStaffRole()
  @ProjectionRead(UNITS_PROJECTION)
  list(@Query() q: ListUnitsQuery) {
    const f = new SqlFilter().eq('department', q.department).eq('district', q.district).eq('status', q.status);
    const rows = this.host.readModels.all<UnitRow>(`SELECT * FROM units ${f.where} ORDER BY department, name`, ...f.params);
    return {
      units: rows.map((r) => ({
        id: r.id,
        name: r.name,
        department: r.department,
        district: r.district,
        status: r.status,
        registeredAt: r.registered_at,
        ...(r.closed_at ? { closedAt: r.closed_at } : {}),
      })),
    };
  }

  @Get(':id')
  @AnyStaffRole()
  async get(@Param('id') id: string) {
    const unit = await requireUnit(this.store, id);
    return new ResourceResult(toUnitView(unit), unit.revision);
  }
}
