import { CategoryList, loadCategories } from '@app/cases/projections';
import { EventStore } from '@app/event-store';
import type { ReportInput } from '../yearly-report/yearly-figures';
import { replayReportInput, ReportReplayArgs } from './replay-report-facts';

/** What the figures of a past record-time instant are computed from, in the replay thread that folded them. */
export interface AsOfFacts {
  /** The instant itself: an as-of read's "now". */
  now: Date;
  input: ReportInput;
  /** The category list as it stood at the instant. */
  categories: CategoryList;
}

/**
 * The report facts and the category list as the log held them at `args.asOf`. An as-of figures replay (yearly report,
 * unit follow-up, dashboard) computes its whole answer from them where it folded them, and hands back only that: the
 * thread serving requests had spent over a second parsing 150,000 facts and tallying them for each report (issue #19).
 */
export async function asOfFacts(store: EventStore, args: ReportReplayArgs, signal?: AbortSignal): Promise<AsOfFacts> {
  const now = new Date(args.asOf);
  const input = await replayReportInput(store, args, signal);
  const categories = await loadCategories(store, now);
  return { now, input, categories };
}
