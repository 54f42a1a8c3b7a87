import { EventStore } from '@app/event-store';
import { asOfFacts } from '../report-facts/as-of-facts';
import { ReportReplayArgs } from '../report-facts/replay-report-facts';
import { DashboardAnswer, dashboardAnswers, dashboardInput, DashboardParams, dashboardUnits, DashboardView } from './dashboard-answers';

/** What a dashboard read as of an instant is asked (structured-cloned into its thread). */
export interface DashboardReplayArgs extends ReportReplayArgs {
  view: DashboardView;
  /** The read's parameters (with `figure` and `category` for the cases view). */
  params: DashboardParams;
  /** The units the user may see; undefined = all. */
  scope?: string[];
}

/**
 * One of the dashboard's answers as of `args.asOf`, folded and computed in a replay thread (see ReportFacts.replayFigures);
 * null when the unit asked for is not among the units then (an error would cross back as a plain one, not as a 404).
 */
export async function replayDashboard(
  store: EventStore,
  args: DashboardReplayArgs,
  signal?: AbortSignal,
): Promise<DashboardAnswer<DashboardView> | null> {
  const { now, input: all, categories } = await asOfFacts(store, args, signal);
  const q = args.params;
  const units = dashboardUnits(all.units, q, args.scope);
  if (q.unitId && !units.length) return null;
  return dashboardAnswers[args.view](q, dashboardInput(all, units, 'of the units'), now, categories);
}
