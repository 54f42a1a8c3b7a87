import { EventStore } from '@app/event-store';
import { factsAtLastCut } from '../report-snapshots/snapshot-reader';
import { applyReportEvent } from './apply-report-event';
import type { ReportInput } from '../yearly-report/yearly-figures';
import { JsonFactStore, parseReportInput, ReportInputText } from './json-fact-store';
import { FactStore, REPORT_EVENT_PREFIXES } from './report-facts';
import { REPORT_PROJECTION, reportProjection } from './report.projection';

const PAGE = 5000;

/** What an as-of replay is asked (structured-cloned into its thread). */
export interface ReportReplayArgs {
  /** The record-time instant (ISO). */
  asOf: string;
  /** The read-model file whose report snapshots the fold may start from; without it, it folds the whole log. */
  readModels?: string;
}

/**
 * The report facts as the log held them at a record-time instant, folded in memory: what an `asOf` read starts from
 * (as text: parseReportInput; the figures replays parse it in their own thread, see replayReportInput). It starts from
 * the facts of the last snapshot cut before the instant when there is one (see report-snapshots), and folds the events
 * after it. It runs in a replay thread (see ReplayPool), or on the caller's thread, which stops it through `signal`.
 */
export async function replayReportFacts(store: EventStore, args: ReportReplayArgs, signal?: AbortSignal): Promise<ReportInputText> {
  const source = args.readModels && { readModels: args.readModels, projection: REPORT_PROJECTION, version: reportProjection.version };
  const start = source ? await factsAtLastCut(store, source, args.asOf) : undefined;
  const facts = start?.facts ?? new JsonFactStore();
  await foldLog(store, facts, start?.after, args.asOf, signal);
  return facts.toText();
}

/**
 * The same facts as objects, for the figures computed beside the fold in a replay thread (see as-of-facts.ts): parsed
 * from their text as the thread that asked parsed them, so the figures are computed from exactly the same values.
 */
export async function replayReportInput(store: EventStore, args: ReportReplayArgs, signal?: AbortSignal): Promise<ReportInput> {
  return parseReportInput(await replayReportFacts(store, args, signal));
}

/** Folds the report events after position `after` (from the start when undefined) up to the record-time instant `asOf` into `facts`. */
export async function foldLog(
  store: EventStore,
  facts: FactStore,
  after: bigint | undefined,
  asOf: string,
  signal?: AbortSignal,
): Promise<void> {
  const recordedUntil = new Date(asOf);
  const until = recordedUntil.toISOString();
  // On the embedded store record time rises with position, so the first event past the instant ends the fold; a read
  // filtered on record time would scan the rest of the log for the page it can no longer fill.
  const ordered = store.kind === 'sqlite';
  for (;;) {
    signal?.throwIfAborted();
    // Figures read no personal field, event id or hash: sealed and lean, like the report projection's own reads.
    const page = await store.readAll({
      after,
      limit: PAGE,
      ...(ordered ? {} : { recordedUntil }),
      streamPrefix: REPORT_EVENT_PREFIXES,
      sealed: true,
      lean: true,
    });
    for (const e of page) {
      if (ordered && e.metadata.recordedAt > until) return;
      applyReportEvent(facts, e);
    }
    if (page.length < PAGE) return;
    after = page[page.length - 1].position;
  }
}
