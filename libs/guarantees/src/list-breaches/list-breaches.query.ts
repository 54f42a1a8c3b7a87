import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { assertMaySeeUnit, Principal, unitsVisibleTo } from '@app/auth';
import { CLOCK, Clock, OVERDUE_SQL, stockholmDate } from '@app/core';
import { ProjectionsHost, SqlFilter } from '@app/platform';
import type { BreachStatus } from '../breach.decider';
import { BreachRow } from './breaches.projection';

export const BREACH_STATUSES: readonly BreachStatus[] = ['reported', 'confirmed', 'rejected', 'remedied'];

/** Breaches from their projection, as `user` may see them; each filter optional. */
export class ListBreaches {
  constructor(
    readonly filter: { unitId?: string; year?: number; status?: BreachStatus; overdueRemedies?: boolean; needsRemedy?: boolean },
    readonly user: Principal,
  ) {}
}

/** A breach row with what the list derives from its remedies. */
type ListedBreach = BreachRow & { overdue: number; remedy_count: number };

@QueryHandler(ListBreaches)
export class ListBreachesHandler implements IQueryHandler<ListBreaches> {
  constructor(
    private readonly host: ProjectionsHost,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Managers see their own units' breaches; admins and auditors see all. */
  async execute({ filter, user }: ListBreaches) {
    if (filter.unitId) assertMaySeeUnit(user, filter.unitId);
    const today = stockholmDate(this.clock.now());
    const visible = unitsVisibleTo(user);
    const f = new SqlFilter(today)
      .eq('b.unit_id', filter.unitId)
      .eq('b.year', filter.year)
      .eq('b.status', filter.status)
      .add('overdue > 0', [], filter.overdueRemedies === true)
      .add("(b.status = 'confirmed' AND remedy_count = 0)", [], filter.needsRemedy === true)
      .add("NOT (b.status = 'confirmed' AND remedy_count = 0)", [], filter.needsRemedy === false);
    if (visible) f.in('b.unit_id', visible);
    const rows = this.host.readModels.all<ListedBreach>(
      `SELECT * FROM (SELECT b.*, (SELECT COUNT(*) FROM remedies r WHERE r.breach_id = b.id AND ${OVERDUE_SQL.remedy}) AS overdue,
         (SELECT COUNT(*) FROM remedies r WHERE r.breach_id = b.id) AS remedy_count FROM breaches b) b
       ${f.where} ORDER BY occurred_at DESC`,
      ...f.params,
    );
    return {
      breaches: rows.map((r) => ({
        id: r.id,
        status: r.status,
        unitId: r.unit_id,
        guaranteeId: r.guarantee_id,
        commitmentId: r.commitment_id,
        occurredAt: r.occurred_at,
        ...(r.case_id ? { caseId: r.case_id } : {}),
        overdueRemedies: r.overdue,
        needsRemedy: r.status === 'confirmed' && r.remedy_count === 0,
      })),
    };
  }
}
