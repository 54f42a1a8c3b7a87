import { Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { AnyStaffRole } from '@app/auth';
import { ProjectionRead, ApiController } from '@app/platform';
import { GetGuarantee } from './get-guarantee.query';
import { GUARANTEES_PROJECTION } from './guarantees.projection';
import { ListGuarantees } from './list-guarantees.query';
import { ListGuaranteesQuery } from './list-guarantees.request.dto';

/** Guarantees are published promises: every role reads them. */
@ApiController('guarantees', 'api/guarantees')
export class ListGuaranteesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @AnyStaffRole()
  @ProjectionRead(GUARANTEES_PROJECTION)
  list(@Query() q: ListGuaranteesQuery) {
    return this.queries.execute(new ListGuarantees({ unitId: q.unitId, year: q.year, status: q.status }));
  }

  @Get(':id')
  @AnyStaffRole()
  get(@Param('id') id: string) {
    return this.queries.execute(new GetGuarantee(id));
  }
}
