import { Body, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { actorOf, CurrentUser, Principal, Roles } from '@app/auth';
import { IfMatch, ApiController } from '@app/platform';
import { SetCategories } from './set-categories.command';
import { mappingsOf, SetCategoriesRequest } from './set-categories.request.dto';

@ApiController('categories', 'api/categories')
export class SetCategoriesController {
  constructor(private readonly commands: CommandBus) {}

  /** An administrator sets the whole list and the mappings of old free-text values; recorded cases keep what they recorded. */
  @Put()
  @Roles('admin')
  set(@Body() body: SetCategoriesRequest, @CurrentUser() user: Principal, @IfMatch() rev?: bigint) {
    const categories = body.categories.map((c) => ({ id: c.id, label: c.label }));
    return this.commands.execute(new SetCategories(categories, mappingsOf(body), actorOf(user), rev));
  }
}
