import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ProjectionsHost } from '@app/platform';
import { PublicNote } from '../public-history';
import { PublicPosition, publicPositionOf } from '../public-position';
import { Open311Request, PublicRequest, toOpen311Request } from '../public-request';
import { UnitRow } from '../service-code';
import { MAX_REQUESTS, parseRequestsQuery, requestsFilter } from './requests-query';
import { RequestRow } from './requests.projection';

/** GET requests.json with its arguments as the client sent them (parsed and checked by the handler). */
export class ListServiceRequests {
  constructor(readonly args: Record<string, unknown>) {}
}

const fromRow = (r: RequestRow, position: PublicPosition | undefined): PublicRequest => ({
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

/** Newest first, at most 1,000, from the requests projection; unit names from the units register's. */
@QueryHandler(ListServiceRequests)
export class ListServiceRequestsHandler implements IQueryHandler<ListServiceRequests, Open311Request[]> {
  constructor(
    private readonly host: ProjectionsHost,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ args }: ListServiceRequests): Promise<Open311Request[]> {
    const f = requestsFilter(parseRequestsQuery(args, this.clock.now()));
    const db = this.host.readModels;
    const rows = db.all<RequestRow>(
      `SELECT * FROM open311_requests ${f.where} ORDER BY received_at DESC, reference DESC LIMIT ?`,
      ...f.params,
      MAX_REQUESTS,
    );
    const names = new Map(db.all<Pick<UnitRow, 'id' | 'name'>>('SELECT id, name FROM units').map((u) => [u.id, u.name]));
    const positions = await Promise.all(rows.map((r) => (r.located && !r.erased ? publicPositionOf(this.store, r.id) : undefined)));
    return rows.map((r, i) => toOpen311Request(fromRow(r, positions[i]), JSON.parse(r.notes) as PublicNote[], (id) => names.get(id)));
  }
}
