import { ApiController } from '@app/platform';
import { Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { AnyStaffRole } from '@app/auth';
import { GetCategories } from './get-categories.query';

/** Every role reads the category list: intake picks from it. */
@ApiController('categories', 'api/categories')
export class CategoriesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @AnyStaffRole()
  list() {
    return this.queries.execute(new GetCategories());
  }
}
