import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CLOCK, Clock, stockholmYear } from '@app/core';
import { ProjectionsHost, SqlFilter } from '@app/platform';
import { GuaranteeRow } from './guarantees.projection';

export const GUARANTEE_LIST_STATUSES = ['draft', 'adopted', 'withdrawn', 'expired'] as const;

/** The guarantees register, from its projection; each filter optional. */
export class ListGuarantees {
  constructor(readonly filter: { unitId?: string; year?: number; status?: (typeof GUARANTEE_LIST_STATUSES)[number] }) {}
}

@QueryHandler(ListGuarantees)
export class ListGuaranteesHandler implements IQueryHandler<ListGuarantees> {
  constructor(
    private readonly host: ProjectionsHost,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ filter }: ListGuarantees) {
    // An adopted guarantee of a past year has expired: the row keeps 'adopted', the year tells.
    const thisYear = stockholmYear(this.clock.now());
    const f = new SqlFilter()
      .eq('unit_id', filter.unitId)
      .eq('year', filter.year)
      .add("status = 'adopted' AND year < ?", [thisYear], filter.status === 'expired')
      .add("status = 'adopted' AND year >= ?", [thisYear], filter.status === 'adopted')
      .eq('status', filter.status === 'expired' || filter.status === 'adopted' ? undefined : filter.status);
    const rows = this.host.readModels.all<GuaranteeRow>(`SELECT * FROM guarantees ${f.where} ORDER BY year DESC, unit_id`, ...f.params);
    return {
      guarantees: rows.map((r) => ({
        id: r.id,
        unitId: r.unit_id,
        year: r.year,
        status: r.status === 'adopted' && r.year < thisYear ? 'expired' : r.status,
        version: r.version,
        title: r.title,
        ...(r.in_force_version ? { inForceVersion: r.in_force_version, decidedOn: r.decided_on, decisionRef: r.decision_ref } : {}),
      })),
    };
  }
}
