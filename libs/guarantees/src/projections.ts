/** The projections alone, without the module around them: what a rebuild thread loads (see apps/api/src/rebuild-source.ts). */
export { breachesProjection } from './list-breaches/breaches.projection';
export { guaranteesProjection } from './list-guarantees/guarantees.projection';
