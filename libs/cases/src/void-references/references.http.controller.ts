import { ApiController } from '@app/platform';
import { Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Roles } from '@app/auth';
import { GetReferenceSeries } from './reference-series.query';
import { ReferencesQuery } from './references.request.dto';

@ApiController('audit', 'api/audit')
export class ReferencesController {
  constructor(private readonly queries: QueryBus) {}

  /** The year's reference series for the registrar: every number a case or a recorded void, nothing unexplained. */
  @Get('references')
  @Roles('auditor', 'admin')
  references(@Query() q: ReferencesQuery) {
    return this.queries.execute(new GetReferenceSeries(q.year));
  }
}
