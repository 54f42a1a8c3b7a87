import { Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { jsonResource, Open311Controller } from '../open311-route';
import { GetServiceRequest } from './get-request.query';

@Open311Controller()
export class GetRequestController {
  constructor(private readonly queries: QueryBus) {}

  /** Read from the case's stream, so a client sees its own filing at once. */
  @Get('requests/:file')
  get(@Param('file') file: string) {
    return this.queries.execute(new GetServiceRequest(jsonResource(file, 'service_request_id')));
  }
}
