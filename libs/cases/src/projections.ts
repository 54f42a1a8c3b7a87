/** The projections alone, without the module around them: what a rebuild thread loads (see apps/api/src/rebuild-source.ts). */
export { casesProjection } from './list-cases/cases.projection';
export { outboxProjection } from './messages/outbox.projection';
