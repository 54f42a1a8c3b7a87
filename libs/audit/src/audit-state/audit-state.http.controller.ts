import { ApiController } from '@app/platform';
import { Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { GetStateAsOf } from './audit-state.query';
import { AsOfQuery } from './audit-state.request.dto';

/** A resource as it stood at a record-time instant, folded with the same evolve the write side uses. */
@ApiController('audit', 'api/audit')
@Roles('auditor', 'admin')
export class AuditStateController {
  constructor(private readonly queries: QueryBus) {}

  @Get('cases/:id')
  case(@Param('id') id: string, @Query() q: AsOfQuery, @CurrentUser() user: Principal) {
    return this.queries.execute(new GetStateAsOf('case', id, q.asOf, user));
  }

  @Get('guarantees/:id')
  guarantee(@Param('id') id: string, @Query() q: AsOfQuery, @CurrentUser() user: Principal) {
    return this.queries.execute(new GetStateAsOf('guarantee', id, q.asOf, user));
  }

  @Get('breaches/:id')
  breach(@Param('id') id: string, @Query() q: AsOfQuery, @CurrentUser() user: Principal) {
    return this.queries.execute(new GetStateAsOf('breach', id, q.asOf, user));
  }
}
