import { Get, Inject, Param } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { Open311Error } from '../open311-error';
import { jsonResource, Open311Controller } from '../open311-route';
import { toOpen311Request } from '../public-request';
import { unitNames } from '../unit-names';
import { loadPublicRequest } from './load-public-request';

@Open311Controller()
export class GetRequestController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Read from the case's stream, so a client sees its own filing at once. */
  @Get('requests/:file')
  async get(@Param('file') file: string) {
    const reference = jsonResource(file, 'service_request_id');
    const found = await loadPublicRequest(this.store, reference);
    if (!found) throw Open311Error.notFound(`service_request_id ${reference}`);
    const transferredTo = found.notes.flatMap((n) => (n.kind === 'transferred' && n.detail ? [n.detail] : []));
    const names = await unitNames(this.store, [found.request.unitId, ...transferredTo]);
    return [toOpen311Request(found.request, found.notes, names)];
  }
}
