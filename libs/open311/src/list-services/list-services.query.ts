import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ProjectionsHost } from '@app/platform';
import { servicesOf, UnitRow } from '../service-code';

/** The units register's projection (owned by @app/units), whose table the services are read from. */
export const UNITS_PROJECTION = 'units';

/** GET services.json: one service per open unit and case type, grouped by department. */
export class ListServices {}

@QueryHandler(ListServices)
export class ListServicesHandler implements IQueryHandler<ListServices, ReturnType<typeof servicesOf>> {
  constructor(private readonly host: ProjectionsHost) {}

  async execute() {
    const units = this.host.readModels.all<UnitRow>(
      "SELECT id, name, department FROM units WHERE status = 'open' ORDER BY department, name, id",
    );
    return servicesOf(units);
  }
}
