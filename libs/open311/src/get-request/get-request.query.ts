import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { Open311Error } from '../open311-error';
import { Open311Request, toOpen311Request } from '../public-request';
import { unitNames } from '../unit-names';
import { loadPublicRequest } from './load-public-request';

/** GET requests/{id}.json: one request by its reference. */
export class GetServiceRequest {
  constructor(readonly reference: string) {}
}

/** Read from the case's stream, so a client sees its own filing at once. */
@QueryHandler(GetServiceRequest)
export class GetServiceRequestHandler implements IQueryHandler<GetServiceRequest, Open311Request[]> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ reference }: GetServiceRequest): Promise<Open311Request[]> {
    const found = await loadPublicRequest(this.store, reference);
    if (!found) throw Open311Error.notFound(`service_request_id ${reference}`);
    const transferredTo = found.notes.flatMap((n) => (n.kind === 'transferred' && n.detail ? [n.detail] : []));
    const names = await unitNames(this.store, [found.request.unitId, ...transferredTo]);
    return [toOpen311Request(found.request, found.notes, names)];
  }
}
