import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ResourceResult } from '@app/platform';
import { CommandRunner } from '@app/platform/write';
import { categoryListDecider } from '../category-list.decider';
import { CATEGORY_LIST_STREAM } from '../category-list.events';
import { CategoryListView, toCategoryListView } from '../category-list.view';
import { SetCategories } from './set-categories.command';

@CommandHandler(SetCategories)
export class SetCategoriesHandler implements ICommandHandler<SetCategories, ResourceResult<CategoryListView>> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ categories, mappings, actor, expectedRevision }: SetCategories): Promise<ResourceResult<CategoryListView>> {
    const command = { type: 'SetCategories' as const, categories, mappings, now: this.runner.now() };
    return this.runner.respond(categoryListDecider, CATEGORY_LIST_STREAM, command, { actor, expectedRevision }, toCategoryListView);
  }
}
