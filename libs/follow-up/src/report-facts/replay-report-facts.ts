import { EventStore } from '@app/event-store';
import { ReportInput } from '../yearly-report/yearly-figures';
import { applyReportEvent } from './apply-report-event';
import { MemoryFactStore, REPORT_EVENT_PREFIXES } from './report-facts';

const PAGE = 5000;

/**
 * The report facts as the log held them at a record-time instant (ISO), folded in memory: what an `asOf` read starts
 * from. It runs in a replay thread (see ReplayPool), or on the caller's thread, which stops it through `signal`.
 */
export async function replayReportFacts(store: EventStore, asOf: string, signal?: AbortSignal): Promise<ReportInput> {
  const facts = new MemoryFactStore();
  const recordedUntil = new Date(asOf);
  let after: bigint | undefined;
  for (;;) {
    signal?.throwIfAborted();
    // Figures read no personal field, event id or hash: sealed and lean, like the report projection's own reads.
    const page = await store.readAll({ after, limit: PAGE, recordedUntil, streamPrefix: REPORT_EVENT_PREFIXES, sealed: true, lean: true });
    for (const e of page) applyReportEvent(facts, e);
    if (page.length < PAGE) break;
    after = page[page.length - 1].position;
  }
  return {
    units: [...facts.units.values()],
    cases: [...facts.cases.values()],
    breaches: [...facts.breaches.values()],
    guarantees: [...facts.guarantees.values()],
  };
}
