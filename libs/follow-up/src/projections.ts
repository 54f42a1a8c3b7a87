/** The projections and replays alone, without the module around them: what a rebuild or replay thread loads (see apps/api/src/rebuild-source.ts). */
import type { Replay } from '@app/platform';
export { reportProjection } from './report-facts/report.projection';
export { reportProjectionFor } from './report-facts/report-projection-for';
export { replayReportFacts } from './report-facts/replay-report-facts';

/** A replay whose code is loaded when first run: see figuresReplays. */
const loadedWhenRun =
  <A, R>(load: () => Promise<Replay<A, R>>): Replay<A, R> =>
  async (store, args, signal) =>
    (await load())(store, args, signal);

/**
 * The as-of replays that compute their whole answer where they fold (ReportFacts.replayFigures): only the answer, a few
 * KB, comes back to the thread serving requests. Their code is loaded by the first of them a thread runs: it groups by
 * the category list of @app/cases, whose index a rebuild thread is not to load (it costs a second or more).
 */
export const figuresReplays = {
  yearlyReport: loadedWhenRun(async () => (await import('./yearly-report/yearly-report.replay')).replayYearlyReport),
  unitFollowUp: loadedWhenRun(async () => (await import('./unit-follow-up/unit-follow-up.replay')).replayUnitFollowUp),
  dashboard: loadedWhenRun(async () => (await import('./dashboard/dashboard.replay')).replayDashboard),
};

export type FiguresReplayName = keyof typeof figuresReplays;
