import { CategoryList, categoryLabel, mapCategory } from '@app/cases/projections';
import { regroupCategories } from './category-figures';
import type { Figures, Tally } from './tally';

/** A category the report's figures are keyed by: the list's, in its order, then any since removed that still has cases. */
export interface ReportCategory {
  id: string;
  label: string;
  /** No longer on the list; cases recorded under it keep it. */
  retired?: true;
}

/** The tally keyed by the list's category ids: ids and labels, categories since removed and the administrator's mappings. */
export const groupByList = (t: Tally, list: CategoryList): Tally =>
  regroupCategories(t, (recorded) => mapCategory(list, recorded) ?? recorded);

/**
 * The categories a report shows (every one of the list, even without cases) and the old free-text values nothing maps
 * yet, which keep their own text as key so that an administrator sees what is left to map.
 */
export function categoriesOfReport(list: CategoryList, figures: Figures[]): { categories: ReportCategory[]; unmappedCategories: string[] } {
  const keys = new Set(figures.flatMap((f) => Object.keys(f.casesByCategory)));
  const onList = new Set(list.categories.map((c) => c.id));
  const retired = [...keys].filter((k) => !onList.has(k) && k in list.known);
  return {
    categories: [
      ...list.categories.map((c) => ({ id: c.id, label: c.label })),
      ...retired.sort().map((id): ReportCategory => ({ id, label: categoryLabel(list, id), retired: true })),
    ],
    unmappedCategories: [...keys].filter((k) => !onList.has(k) && !(k in list.known)).sort((a, b) => a.localeCompare(b, 'sv')),
  };
}
