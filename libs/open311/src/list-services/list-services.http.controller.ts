import { Get } from '@nestjs/common';
import { ProjectionRead, ProjectionsHost } from '@app/platform';
import { Open311Controller } from '../open311-route';
import { servicesOf, UnitRow } from '../service-code';

/** The units register's projection (owned by @app/units). */
const UNITS_PROJECTION = 'units';

@Open311Controller()
export class ListServicesController {
  constructor(private readonly host: ProjectionsHost) {}

  /** One service per open unit and case type, grouped by department. */
  @Get('services.json')
  @ProjectionRead(UNITS_PROJECTION)
  list() {
    return servicesOf(
      this.host.readModels.all<UnitRow>("SELECT id, name, department FROM units WHERE status = 'open' ORDER BY department, name, id"),
    );
  }
}
