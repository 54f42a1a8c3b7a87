import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ResourceResult } from '@app/platform';
import { CategoryListView, toCategoryListView } from '../category-list.view';
import { loadCategories } from '../load-categories';

/** The category list straight from its stream (reads the caller's own writes), with its revision as ETag. */
export class GetCategories {}

@QueryHandler(GetCategories)
export class GetCategoriesHandler implements IQueryHandler<GetCategories, ResourceResult<CategoryListView>> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute(): Promise<ResourceResult<CategoryListView>> {
    const list = await loadCategories(this.store);
    return new ResourceResult(toCategoryListView(list), list.revision);
  }
}
