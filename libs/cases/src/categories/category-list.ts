import { Category, DEFAULT_CATEGORIES } from './category-list.events';

/** The category list as it stands: the categories, the mappings, and every category it ever had (for labels). */
export interface CategoryList {
  /** An administrator has set it; otherwise it is the default list. */
  set: boolean;
  categories: Category[];
  /** Old free-text value → category id, as the administrator wrote them. */
  mappings: Record<string, string>;
  /** Every id the list ever had, with its latest label: a case recorded under a category since removed keeps its label. */
  known: Record<string, string>;
}

export const defaultCategoryList = (): CategoryList => ({
  set: false,
  categories: DEFAULT_CATEGORIES.map((c) => ({ ...c })),
  mappings: {},
  known: Object.fromEntries(DEFAULT_CATEGORIES.map((c) => [c.id, c.label])),
});

/** How free text is compared: case, surrounding and repeated spaces do not matter ("Mat ", "mat"). */
export const categoryText = (value: string): string => value.trim().replace(/\s+/g, ' ').toLocaleLowerCase('sv');

/** The id of the category on the list that `value` names, by its id or its label (any case); undefined if none. */
export function categoryOnList(list: Pick<CategoryList, 'categories'>, value: string): string | undefined {
  const text = categoryText(value);
  return list.categories.find((c) => c.id === text || categoryText(c.label) === text)?.id;
}

/**
 * The category a recorded value counts under in the figures: a category on the list (id or label), one the list had
 * (its id), or the one an administrator mapped the old free text to; undefined for text nothing maps.
 */
export function mapCategory(list: CategoryList, recorded: string): string | undefined {
  const onList = categoryOnList(list, recorded);
  if (onList) return onList;
  if (recorded in list.known) return recorded;
  const text = categoryText(recorded);
  for (const [from, to] of Object.entries(list.mappings)) if (categoryText(from) === text) return to;
  return undefined;
}

/** The label of a category id (the current one, or the last it had on the list). */
export const categoryLabel = (list: CategoryList, id: string): string => list.known[id] ?? id;
