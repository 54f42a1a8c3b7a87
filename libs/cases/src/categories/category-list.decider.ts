import { Decider, FieldError, InvalidInputError } from '@app/core';
import { Category, CategoryListEvent } from './category-list.events';
import { CategoryList, categoryText, defaultCategoryList } from './category-list';

export type CategoryListState = CategoryList;

export type CategoryListCommand = { type: 'SetCategories'; categories: Category[]; mappings: Record<string, string>; now: Date };

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const categoryListDecider: Decider<CategoryListState, CategoryListCommand, CategoryListEvent> = {
  initialState: defaultCategoryList,

  evolve(state, event) {
    const { categories, mappings } = event.data;
    return {
      set: true,
      categories,
      mappings,
      known: { ...state.known, ...Object.fromEntries(categories.map((c) => [c.id, c.label])) },
    };
  },

  decide(command, state) {
    const categories = command.categories.map((c) => ({ id: c.id, label: c.label.trim() }));
    const mappings = Object.fromEntries(Object.entries(command.mappings).map(([from, to]) => [from.trim(), to]));
    const errors = [...listErrors(categories), ...mappingErrors(categories, mappings)];
    if (errors.length) throw new InvalidInputError(errors);
    if (state.set && sameList(state, categories, mappings)) return [];
    return [{ type: 'CategoriesSet.v1', data: { categories, mappings, at: command.now.toISOString() } }];
  },
};

function listErrors(categories: Category[]): FieldError[] {
  if (!categories.length) return [{ field: 'categories', message: 'must name at least one category' }];
  const errors: FieldError[] = [];
  const ids = new Set<string>();
  const labels = new Set<string>();
  categories.forEach((c, i) => {
    if (!SLUG.test(c.id) || c.id.length > 64) {
      errors.push({ field: `categories[${i}].id`, message: 'must be a slug: lower-case letters, digits and single hyphens, at most 64' });
    } else if (ids.has(c.id)) errors.push({ field: `categories[${i}].id`, message: `${c.id} is on the list twice` });
    if (!c.label) errors.push({ field: `categories[${i}].label`, message: 'must not be blank' });
    else if (labels.has(categoryText(c.label)))
      errors.push({ field: `categories[${i}].label`, message: `${c.label} is on the list twice` });
    ids.add(c.id);
    labels.add(categoryText(c.label));
  });
  return errors;
}

function mappingErrors(categories: Category[], mappings: Record<string, string>): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set(categories.flatMap((c) => [c.id, categoryText(c.label)]));
  const seen = new Set<string>();
  for (const [from, to] of Object.entries(mappings)) {
    const field = `mappings.${from}`;
    const text = categoryText(from);
    if (!text) errors.push({ field: 'mappings', message: 'an old value must not be blank' });
    else if (names.has(text)) errors.push({ field, message: 'is a category on the list already' });
    else if (seen.has(text)) errors.push({ field, message: 'is mapped twice (case and spaces do not matter)' });
    else if (!categories.some((c) => c.id === to)) errors.push({ field, message: `must map to a category id on the list, not ${to}` });
    seen.add(text);
  }
  return errors;
}

function sameList(state: CategoryListState, categories: Category[], mappings: Record<string, string>): boolean {
  const key = (list: Category[], m: Record<string, string>) => JSON.stringify([list, Object.entries(m).sort()]);
  return key(state.categories, state.mappings) === key(categories, mappings);
}
