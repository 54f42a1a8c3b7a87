/** A category of the managed list: a stable id (what cases record) and its Swedish label (what people read). */
export interface Category {
  id: string;
  label: string;
}

/**
 * An administrator set the list (the whole of it) and the mappings of old free-text values to categories of it.
 * Cases keep what they recorded: the list and the mappings change only how figures group them.
 */
export type CategoriesSet = {
  type: 'CategoriesSet.v1';
  data: { categories: Category[]; mappings: Record<string, string>; at: string };
};

export type CategoryListEvent = CategoriesSet;

/** One list for the whole organisation, in a stream of its own (kind `categories`, id `list`). */
export const CATEGORY_LIST_KIND = 'categories';
export const CATEGORY_LIST_STREAM = `${CATEGORY_LIST_KIND}-list`;

/** The list in force until an administrator sets one (issue 21). */
export const DEFAULT_CATEGORIES: readonly Category[] = [
  { id: 'bemotande', label: 'Bemötande' },
  { id: 'information', label: 'Information' },
  { id: 'tillganglighet', label: 'Tillgänglighet' },
  { id: 'kvalitet-i-verksamheten', label: 'Kvalitet i verksamheten' },
  { id: 'handlaggning-och-beslut', label: 'Handläggning och beslut' },
  { id: 'miljo-och-lokaler', label: 'Miljö och lokaler' },
  { id: 'mat-och-maltider', label: 'Mat och måltider' },
  { id: 'ovrigt', label: 'Övrigt' },
];
