/** The projections alone, without the module around them: what a rebuild thread loads (see apps/api/src/rebuild-source.ts). */
export { open311RequestsProjection } from './list-requests/requests.projection';
