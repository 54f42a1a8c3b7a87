import { Get, Inject, Query } from '@nestjs/common';
import { CaseType } from '@app/cases';
import { CLOCK, Clock } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ProjectionRead, ProjectionsHost } from '@app/platform';
import { Open311Controller } from '../open311-route';
import { PublicNote } from '../public-history';
import { PublicPosition, publicPositionOf } from '../public-position';
import { PublicRequest, toOpen311Request } from '../public-request';
import { OPEN311_REQUESTS_PROJECTION } from './requests.projection';
import { MAX_REQUESTS, parseRequestsQuery, requestsFilter } from './requests-query';

interface Row {
  id: string;
  reference: string;
  unit_id: string;
  type: CaseType;
  status: string;
  resolution: string | null;
  merged_into_reference: string | null;
  needs_response: number;
  received_at: string;
  updated_at: string;
  respond_by: string;
  /** 1: filed through Open311 with a place, so a rounded position is derived at read time. */
  located: number;
  erased: number;
  /** The public notes, a JSON array in the order of the case's events. */
  notes: string;
}

const fromRow = (r: Row, position: PublicPosition | undefined): PublicRequest => ({
  reference: r.reference,
  unitId: r.unit_id,
  type: r.type,
  status: r.status,
  ...(r.resolution ? { resolution: r.resolution } : {}),
  ...(r.merged_into_reference ? { mergedIntoReference: r.merged_into_reference } : {}),
  needsResponse: !!r.needs_response,
  receivedAt: r.received_at,
  updatedAt: r.updated_at,
  respondBy: r.respond_by,
  ...(position ?? {}),
  erased: !!r.erased,
});

@Open311Controller()
export class ListRequestsController {
  constructor(
    private readonly host: ProjectionsHost,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** Newest first, at most 1,000; `?minPosition=` (from X-Event-Position) waits for the read model. */
  @Get('requests.json')
  @ProjectionRead(OPEN311_REQUESTS_PROJECTION)
  async list(@Query() q: Record<string, unknown>) {
    const f = requestsFilter(parseRequestsQuery(q ?? {}, this.clock.now()));
    const db = this.host.readModels;
    const rows = db.all<Row>(
      `SELECT * FROM open311_requests ${f.where} ORDER BY received_at DESC, reference DESC LIMIT ?`,
      ...f.params,
      MAX_REQUESTS,
    );
    const names = new Map(db.all<{ id: string; name: string }>('SELECT id, name FROM units').map((u) => [u.id, u.name]));
    const positions = await Promise.all(rows.map((r) => (r.located && !r.erased ? publicPositionOf(this.store, r.id) : undefined)));
    return rows.map((r, i) => toOpen311Request(fromRow(r, positions[i]), JSON.parse(r.notes) as PublicNote[], (id) => names.get(id)));
  }
}
