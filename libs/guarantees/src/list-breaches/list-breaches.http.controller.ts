import { Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { ProjectionRead, ApiController, trueOrFalse } from '@app/platform';
import { BREACHES_PROJECTION } from './breaches.projection';
import { GetBreach } from './get-breach.query';
import { ListBreaches } from './list-breaches.query';
import { ListBreachesQuery } from './list-breaches.request.dto';

@ApiController('breaches', 'api/breaches')
export class ListBreachesController {
  constructor(private readonly queries: QueryBus) {}

  /** Managers see their own units' breaches; admins and auditors see all. */
  @Get()
  @Roles('admin', 'manager', 'auditor')
  @ProjectionRead(BREACHES_PROJECTION)
  list(@Query() q: ListBreachesQuery, @CurrentUser() user: Principal) {
    const { unitId, year, status } = q;
    return this.queries.execute(
      new ListBreaches(
        { unitId, year, status, overdueRemedies: trueOrFalse(q.overdueRemedies), needsRemedy: trueOrFalse(q.needsRemedy) },
        user,
      ),
    );
  }

  @Get(':id')
  @Roles('admin', 'manager', 'auditor')
  get(@Param('id') id: string, @CurrentUser() user: Principal) {
    return this.queries.execute(new GetBreach(id, user));
  }
}
