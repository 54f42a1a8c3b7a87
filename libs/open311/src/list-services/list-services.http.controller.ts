import { Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ProjectionRead } from '@app/platform';
import { Open311Controller } from '../open311-route';
import { ListServices, UNITS_PROJECTION } from './list-services.query';

@Open311Controller()
export class ListServicesController {
  constructor(private readonly queries: QueryBus) {}

  /** One service per open unit and case type, grouped by department. */
  @Get('services.json')
  @ProjectionRead(UNITS_PROJECTION)
  list() {
    return this.queries.execute(new ListServices());
  }
}
