import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ProjectionsHost, SqlFilter } from '@app/platform';
import { UnitRow } from './units.projection';

/** The units register, from its projection; each filter optional. */
export class ListUnits {
  constructor(readonly filter: { department?: string; district?: string; status?: 'open' | 'closed' }) {}
}

export interface UnitListItem {
  id: string;
  name: string;
  department: string;
  district: string;
  status: string;
  registeredAt: string;
  closedAt?: string;
}

@QueryHandler(ListUnits)
export class ListUnitsHandler implements IQueryHandler<ListUnits, { units: UnitListItem[] }> {
  constructor(private readonly host: ProjectionsHost) {}

  async execute({ filter }: ListUnits) {
    const f = new SqlFilter().eq('department', filter.department).eq('district', filter.district).eq('status', filter.status);
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
}
