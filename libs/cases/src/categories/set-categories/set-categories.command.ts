import { Actor } from '@app/core';
import type { Category } from '../category-list.events';

/** Sets the whole category list and the mappings of old free-text values (admin); recorded cases are not touched. */
export class SetCategories {
  constructor(
    readonly categories: Category[],
    readonly mappings: Record<string, string>,
    readonly actor: Actor,
    readonly expectedRevision?: bigint,
  ) {}
}
