import type { CategoryList } from '@app/cases/projections';
import { EventStore } from '@app/event-store';
import { asOfFacts } from '../report-facts/as-of-facts';
import { ReportReplayArgs } from '../report-facts/replay-report-facts';
import { assembleReport } from './assemble-report';
import type { ReportParams } from './read-report';
import { ComparedReport } from './year-against-year';
import { ReportInput, YearlyReport } from './yearly-figures';

/** What a yearly report as of an instant is asked (structured-cloned into its thread). */
export interface YearlyReportReplayArgs extends ReportReplayArgs {
  params: Omit<ReportParams, 'asOf'>;
  /** The units the user may see; undefined = all. */
  scope?: string[];
}

/** The yearly report as of `args.asOf`, folded and computed in a replay thread (see ReportFacts.replayFigures). */
export async function replayYearlyReport(
  store: EventStore,
  args: YearlyReportReplayArgs,
  signal?: AbortSignal,
): Promise<YearlyReport | ComparedReport> {
  const { now, input, categories } = await asOfFacts(store, args, signal);
  return reportAsOf(input, categories, args.params, args.scope, now);
}

/**
 * The yearly report from facts folded to the instant `now`, for the units in `scope`; with `compare`, beside the period
 * of the year before, from the same facts (a replay holds every year). Narrows `input.units` to the scope.
 */
export function reportAsOf(
  input: ReportInput,
  categories: CategoryList,
  q: Omit<ReportParams, 'asOf'>,
  scope: string[] | undefined,
  now: Date,
): YearlyReport | ComparedReport {
  return assembleReport(q, scope, { now, categories, year: { input }, yearBefore: () => ({ input }) });
}
