import { CategoryList } from './category-list';

/** What GET /api/categories answers: the list in order, and the mappings of old free-text values. */
export interface CategoryListView {
  categories: { id: string; label: string }[];
  mappings: Record<string, string>;
  /** False while the default list applies (no administrator has set one). */
  set: boolean;
}

export const toCategoryListView = (l: CategoryList): CategoryListView => ({
  categories: l.categories.map((c) => ({ id: c.id, label: c.label })),
  mappings: { ...l.mappings },
  set: l.set,
});
