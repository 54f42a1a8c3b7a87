/** The projections alone, without the module around them: what a rebuild thread loads (see apps/api/src/rebuild-source.ts). */
export { casesProjection } from './list-cases/cases.projection';
export { outboxProjection } from './messages/outbox.projection';
/** The managed category list's pure rules and its loader: what as-of figures need in a replay thread (no module index). */
export * from './categories/category-list';
export { loadCategories } from './categories/load-categories';
