import { Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ProjectionRead } from '@app/platform';
import { Open311Controller } from '../open311-route';
import { ListServiceRequests } from './list-requests.query';
import { OPEN311_REQUESTS_PROJECTION } from './requests.projection';

@Open311Controller()
export class ListRequestsController {
  constructor(private readonly queries: QueryBus) {}

  /** Newest first, at most 1,000; `?minPosition=` (from X-Event-Position) waits for the read model. */
  @Get('requests.json')
  @ProjectionRead(OPEN311_REQUESTS_PROJECTION)
  list(@Query() q: Record<string, unknown>) {
    return this.queries.execute(new ListServiceRequests(q ?? {}));
  }
}
