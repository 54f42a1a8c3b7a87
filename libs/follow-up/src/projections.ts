/** The projections and replays alone, without the module around them: what a rebuild or replay thread loads (see apps/api/src/rebuild-source.ts). */
export { reportProjection } from './report-facts/report.projection';
export { replayReportFacts } from './report-facts/replay-report-facts';
