/** The projections alone, without the module around them: what a rebuild thread loads (see apps/api/src/rebuild-source.ts). */
export { reportProjection } from './report-facts/report.projection';
