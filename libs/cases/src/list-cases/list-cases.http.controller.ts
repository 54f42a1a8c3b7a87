import { Controller, ForbiddenException, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AnyStaffRole, CurrentUser, Principal } from '@app/auth';
import { CLOCK, Clock, isCalendarDate, startOfStockholmDay } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ProjectionRead, ProjectionsHost, ResourceResult, SqlFilter } from '@app/platform';
import { recordConfidentialRead } from '../case-disclosure';
import { openOverSixMonths } from '../case.flags';
import { canReadContent, canSeeCase, toCaseView, visibleUnits } from '../case.view';
import { loadCase } from '../load-case';
import { CASES_PROJECTION } from './cases.projection';
import { ListCasesQuery } from './list-cases.request.dto';

interface Row {
  id: string;
  reference: string;
  type: string;
  channel: string;
  unit_id: string;
  category: string | null;
  status: string;
  confidential: number;
  received_at: string;
  acknowledge_by: string;
  respond_by: string;
  acknowledged_at: string | null;
  responded_at: string | null;
  closed_at: string | null;
  paused_since: string | null;
  needs_response: number;
  resolution: string | null;
  overdue_ack: number;
  overdue_respond: number;
}

/** A date-only bound is the start of that Stockholm day; an instant is taken as it is. */
const bound = (value: string) => (isCalendarDate(value) ? startOfStockholmDay(value) : new Date(value)).toISOString();

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/cases')
export class ListCasesController {
  constructor(
    private readonly host: ProjectionsHost,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @AnyStaffRole()
  @ProjectionRead(CASES_PROJECTION)
  list(@Query() q: ListCasesQuery, @CurrentUser() user: Principal) {
    if (q.unitId && !canSeeCase(user, q.unitId)) throw new ForbiddenException(`you may not read cases of unit ${q.unitId}`);
    const now = this.clock.now().toISOString();
    const f = new SqlFilter(now, now)
      .eq('unit_id', q.unitId)
      .eq('type', q.type)
      .add("status <> 'closed'", [], q.status === 'open')
      .eq('status', q.status === 'open' ? undefined : q.status)
      .add('received_at >= ?', [q.from && bound(q.from)], !!q.from)
      .add('received_at < ?', [q.to && bound(q.to)], !!q.to)
      .add('(overdue_ack = 1 OR overdue_respond = 1)', [], q.overdue === 'true')
      .add('(overdue_ack = 0 AND overdue_respond = 0)', [], q.overdue === 'false');
    const units = visibleUnits(user);
    if (units !== 'all') f.in('unit_id', units);
    const pageSize = q.pageSize ?? 50;
    const page = q.page ?? 1;
    const sql = `SELECT * FROM (SELECT *,
        (status <> 'closed' AND acknowledged_at IS NULL AND ? > acknowledge_by) AS overdue_ack,
        (status <> 'closed' AND needs_response = 1 AND responded_at IS NULL AND (paused_since IS NULL OR paused_since > respond_by) AND ? > respond_by) AS overdue_respond
      FROM cases) ${f.where}`;
    const total = this.host.readModels.get<{ n: number }>(`SELECT COUNT(*) AS n FROM (${sql})`, ...f.params)!.n;
    const rows = this.host.readModels.all<Row>(
      `${sql} ORDER BY received_at DESC, reference DESC LIMIT ? OFFSET ?`,
      ...f.params,
      pageSize,
      (page - 1) * pageSize,
    );
    return {
      page,
      pageSize,
      total,
      cases: rows.map((r) => ({
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
      })),
    };
  }

  /** Straight from the case's stream (reads the caller's own writes). Confidential text only for those allowed. */
  @Get(':id')
  @AnyStaffRole()
  async get(@Param('id') id: string, @CurrentUser() user: Principal) {
    const state = await loadCase(this.store, id);
    if (!canSeeCase(user, state.unitId!)) throw new ForbiddenException(`you may not read cases of unit ${state.unitId}`);
    const withContent = canReadContent(user, state);
    if (state.confidential && withContent) {
      await recordConfidentialRead(this.store, user, { caseId: id, reference: state.reference! }, this.clock.now());
    }
    return new ResourceResult(toCaseView(state, this.clock.now(), withContent), state.revision);
  }
}
