import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Principal } from '@app/auth';
import { CLOCK, Clock, isCalendarDate, NEEDS_DELAY_NOTICE_SQL, OVERDUE_SQL, startOfStockholmDay, stockholmDate } from '@app/core';
import { ProjectionsHost, SqlFilter } from '@app/platform';
import { OPEN_OVER_SIX_MONTHS_SQL, openOverSixMonths, openOverSixMonthsIfReceivedBefore } from '../case.flags';
import type { CaseStatus } from '../case.decider';
import type { CaseType } from '../case.events';
import { mustSeeCase, visibleUnits } from '../case.view';
import { CaseRow } from './cases.projection';

export interface CaseListFilter {
  unitId?: string;
  /** A status, or `open`: every status but closed. */
  status?: CaseStatus | 'open';
  type?: CaseType;
  /** true: only cases overdue on acknowledgement or response; false: only cases that are not. */
  overdue?: boolean;
  /** true: only open cases overdue on their response whose submitter is owed a delay notice (FL 11 §); false: the others. */
  needsDelayNotice?: boolean;
  /** true: only cases not closed, received more than six months ago (FL 12 §); false: the others. */
  openOverSixMonths?: boolean;
  /** Received at or after / before: an instant, or the start of a date (Europe/Stockholm). */
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/** The cases a user may see, newest first, a page at a time, from the case list projection. */
export class ListCases {
  constructor(
    readonly filter: CaseListFilter,
    readonly user: Principal,
  ) {}
}

/** A date-only bound is the start of that Stockholm day; an instant is taken as it is. */
const bound = (value: string) => (isCalendarDate(value) ? startOfStockholmDay(value) : new Date(value)).toISOString();

/** The case rows with their flags at an instant (the instant three times, then its Stockholm date, before the filter's own parameters). */
const WITH_FLAGS = `SELECT * FROM (SELECT *, ${OVERDUE_SQL.acknowledge} AS overdue_ack, ${OVERDUE_SQL.respond} AS overdue_respond,
  ${NEEDS_DELAY_NOTICE_SQL} AS needs_delay_notice FROM cases)`;

type ListedRow = CaseRow & { overdue_ack: number; overdue_respond: number; needs_delay_notice: number };

@QueryHandler(ListCases)
export class ListCasesHandler implements IQueryHandler<ListCases> {
  constructor(
    private readonly host: ProjectionsHost,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ filter: q, user }: ListCases) {
    if (q.unitId) mustSeeCase(user, q.unitId);
    const now = this.clock.now().toISOString();
    const sixMonths = openOverSixMonthsIfReceivedBefore(now);
    const f = new SqlFilter(now, now, now, stockholmDate(now))
      .eq('unit_id', q.unitId)
      .eq('type', q.type)
      .add("status <> 'closed'", [], q.status === 'open')
      .eq('status', q.status === 'open' ? undefined : q.status)
      .add('received_at >= ?', [q.from && bound(q.from)], !!q.from)
      .add('received_at < ?', [q.to && bound(q.to)], !!q.to)
      .add('(overdue_ack = 1 OR overdue_respond = 1)', [], q.overdue === true)
      .add('(overdue_ack = 0 AND overdue_respond = 0)', [], q.overdue === false)
      .add('needs_delay_notice = 1', [], q.needsDelayNotice === true)
      .add('needs_delay_notice = 0', [], q.needsDelayNotice === false)
      .add(OPEN_OVER_SIX_MONTHS_SQL, [sixMonths], q.openOverSixMonths === true)
      .add(`NOT ${OPEN_OVER_SIX_MONTHS_SQL}`, [sixMonths], q.openOverSixMonths === false);
    const units = visibleUnits(user);
    if (units !== 'all') f.in('unit_id', units);
    const { page, pageSize } = q;
    const sql = `${WITH_FLAGS} ${f.where}`;
    const total = this.host.readModels.get<{ n: number }>(`SELECT COUNT(*) AS n FROM (${sql})`, ...f.params)!.n;
    const rows = this.host.readModels.all<ListedRow>(
      `${sql} ORDER BY received_at DESC, reference DESC LIMIT ? OFFSET ?`,
      ...f.params,
      pageSize,
      (page - 1) * pageSize,
    );
    return { page, pageSize, total, cases: rows.map((r) => listItem(r, now)) };
  }
}

function listItem(r: ListedRow, now: string) {
  return {
    id: r.id,
    reference: r.reference,
    type: r.type,
    channel: r.channel,
    unitId: r.unit_id,
    status: r.status,
    ...(r.category ? { category: r.category } : {}),
    confidential: !!r.confidential,
    receivedAt: r.received_at,
    acknowledgeBy: r.acknowledge_by,
    respondBy: r.respond_by,
    ...(r.acknowledged_at ? { acknowledgedAt: r.acknowledged_at } : {}),
    ...(r.responded_at ? { respondedAt: r.responded_at } : {}),
    ...(r.closed_at ? { closedAt: r.closed_at, resolution: r.resolution } : {}),
    overdue: { acknowledge: !!r.overdue_ack, respond: !!r.overdue_respond },
    openOverSixMonths: r.status !== 'closed' && openOverSixMonths(r.received_at, now),
    needsDelayNotice: !!r.needs_delay_notice,
  };
}
