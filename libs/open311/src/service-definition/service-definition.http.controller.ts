import { Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { jsonResource, Open311Controller } from '../open311-route';
import { GetServiceDefinition } from './service-definition.query';

@Open311Controller()
export class ServiceDefinitionController {
  constructor(private readonly queries: QueryBus) {}

  @Get('services/:file')
  definition(@Param('file') file: string) {
    return this.queries.execute(new GetServiceDefinition(jsonResource(file, 'service_code')));
  }
}
