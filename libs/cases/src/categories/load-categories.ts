import { aggregate } from '@app/core';
import { EventStore } from '@app/event-store';
import { CategoryList } from './category-list';
import { categoryListDecider } from './category-list.decider';
import { CATEGORY_LIST_STREAM } from './category-list.events';

/**
 * The category list from its stream (the default list while none was set), with its revision (ETag; -1 for the
 * default); `asOf` (record time) gives the list as it stood then, so an as-of report groups as it did that day.
 */
export async function loadCategories(store: EventStore, asOf?: Date): Promise<CategoryList & { revision: bigint }> {
  const { state, revision } = await aggregate(store, categoryListDecider, CATEGORY_LIST_STREAM, { asOf });
  return { ...state, revision };
}
