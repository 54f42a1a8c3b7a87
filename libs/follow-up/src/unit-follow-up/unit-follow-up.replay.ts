import { EventStore } from '@app/event-store';
import { asOfFacts } from '../report-facts/as-of-facts';
import { ReportReplayArgs } from '../report-facts/replay-report-facts';
import { reportAsOf } from '../yearly-report/yearly-report.replay';
import { UnitFollowUp, unitFollowUpOf } from './unit-follow-up-figures';

/** What a unit's follow-up as of an instant is asked (structured-cloned into its thread). */
export interface UnitFollowUpReplayArgs extends ReportReplayArgs {
  unitId: string;
  year: number;
  compare?: boolean;
}

/**
 * A unit's follow-up as of `args.asOf`, folded and computed in a replay thread (see ReportFacts.replayFigures); null
 * when the log had no such unit then (an error would cross back as a plain one, not as the 404 it is).
 */
export async function replayUnitFollowUp(
  store: EventStore,
  args: UnitFollowUpReplayArgs,
  signal?: AbortSignal,
): Promise<UnitFollowUp | null> {
  const { now, input, categories } = await asOfFacts(store, args, signal);
  const report = reportAsOf(input, categories, { year: args.year, compare: args.compare }, [args.unitId], now);
  const unitCases = input.cases.filter((c) => c.unitId === args.unitId);
  return unitFollowUpOf(args.year, report, unitCases, now) ?? null;
}
