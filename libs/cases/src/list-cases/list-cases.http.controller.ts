import { Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { AnyStaffRole, CurrentUser, Principal } from '@app/auth';
import { ProjectionRead, ApiController, trueOrFalse } from '@app/platform';
import { GetCase } from '../get-case/get-case.query';
import { CASES_PROJECTION } from './cases.projection';
import { ListCases } from './list-cases.query';
import { ListCasesQuery } from './list-cases.request.dto';

/** Every role reads cases, each the units it may see: the list from the projection, one case straight from its stream. */
@ApiController('cases', 'api/cases')
export class ListCasesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @AnyStaffRole()
  @ProjectionRead(CASES_PROJECTION)
  list(@Query() q: ListCasesQuery, @CurrentUser() user: Principal) {
    const { unitId, status, type, from, to } = q;
    const [overdue, needsDelayNotice, openOverSixMonths] = [q.overdue, q.needsDelayNotice, q.openOverSixMonths].map(trueOrFalse);
    const filter = { unitId, status, type, overdue, needsDelayNotice, openOverSixMonths, from, to };
    return this.queries.execute(new ListCases({ ...filter, page: q.page ?? 1, pageSize: q.pageSize ?? 50 }, user));
  }

  @Get(':id')
  @AnyStaffRole()
  get(@Param('id') id: string, @CurrentUser() user: Principal) {
    return this.queries.execute(new GetCase(id, user));
  }
}
