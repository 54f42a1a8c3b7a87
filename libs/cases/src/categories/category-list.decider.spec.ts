import { InvalidInputError } from '@app/core';
import { deciderSpec } from '@app/testing';
import { categoryLabel, categoryOnList, defaultCategoryList, mapCategory } from './category-list';
import { categoryListDecider } from './category-list.decider';
import { CategoryListEvent, DEFAULT_CATEGORIES } from './category-list.events';

const spec = deciderSpec(categoryListDecider);
const now = new Date('2026-03-02T09:00:00Z');
const food = { id: 'mat-och-maltider', label: 'Mat och måltider' };
const set = (categories = [food, { id: 'ovrigt', label: 'Övrigt' }], mappings: Record<string, string> = {}): CategoryListEvent => ({
  type: 'CategoriesSet.v1',
  data: { categories, mappings, at: now.toISOString() },
});

describe('category list decider', () => {
  it('starts from the default list of the issue', () =>
    expect(spec.given([]).state).toMatchObject({ set: false, categories: DEFAULT_CATEGORIES, mappings: {} }));

  it('sets a list with mappings of old free text', () =>
    spec
      .given([])
      .when({ type: 'SetCategories', categories: [food, { id: 'ovrigt', label: 'Övrigt' }], mappings: { ' Mat ': food.id }, now })
      .then([set(undefined, { Mat: food.id })]));

  it('setting the same list again decides nothing', () =>
    spec.given([set()]).when({ type: 'SetCategories', categories: set().data.categories, mappings: {}, now }).thenNothing());

  it('refuses bad ids, duplicates, blank labels and mappings to no category of the list', () =>
    spec
      .given([])
      .when({
        type: 'SetCategories',
        categories: [food, { id: 'Mat', label: ' ' }, { id: 'mat-och-maltider', label: 'mat och MÅLTIDER' }],
        mappings: { Måltider: 'saknas', 'Mat och måltider': food.id },
        now,
      })
      .thenThrows(InvalidInputError));

  it('keeps the label of a category taken off the list, so that cases recorded under it keep theirs', () => {
    const { state } = spec.given([set([food]), set([{ id: 'ovrigt', label: 'Övrigt' }])]);
    expect(categoryOnList(state, food.id)).toBeUndefined();
    expect(mapCategory(state, food.id)).toBe(food.id);
    expect(categoryLabel(state, food.id)).toBe('Mat och måltider');
  });
});

describe('what a value on a case counts under', () => {
  const list = { ...defaultCategoryList(), mappings: { Mat: food.id, Måltider: food.id } };
  it('takes an id or a label in any case, then an old value by its mapping; nothing else', () => {
    expect(categoryOnList(list, 'mat-och-maltider')).toBe(food.id);
    expect(categoryOnList(list, ' mat och MÅLTIDER')).toBe(food.id);
    expect(categoryOnList(list, 'Mat')).toBeUndefined();
    expect(mapCategory(list, 'mat ')).toBe(food.id);
    expect(mapCategory(list, 'Måltider')).toBe(food.id);
    expect(mapCategory(list, 'Lokaler')).toBeUndefined();
  });
});
