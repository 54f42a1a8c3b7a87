import { InvalidInputError } from '@app/core';
import { EventStore } from '@app/event-store';
import { categoryOnList } from './category-list';
import { loadCategories } from './load-categories';

/** The id of the category of the list that `value` names (id or label); a 400 naming `category` when it is not on it. */
export async function requireListedCategory(store: EventStore, value: string): Promise<string> {
  const list = await loadCategories(store);
  const id = categoryOnList(list, value);
  if (!id) {
    const ids = list.categories.map((c) => c.id).join(', ');
    throw new InvalidInputError([{ field: 'category', message: `must be a category of the list (GET /api/categories): ${ids}` }]);
  }
  return id;
}
