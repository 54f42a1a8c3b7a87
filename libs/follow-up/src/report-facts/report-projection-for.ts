import type { EventStore } from '@app/event-store';
import type { Projection } from '@app/projections';
import { reportFactsProjection, reportProjection } from './report.projection';

/** The same facts without snapshots: what the app projects on EventStoreDB (see reportProjectionFor). */
export const reportProjectionWithoutSnapshots: Projection = reportFactsProjection(null);

/**
 * The report projection for a store: without snapshots on EventStoreDB. An as-of read starts from a snapshot only on the
 * embedded store (see factsAtLastCut: only there does record time rise with position). On EventStoreDB positions are
 * byte offsets, so a cut would come every 20–40 events and the table grow to about a row per event, never read. Same name
 * and version: the tables are the same, report_snapshots stays empty.
 */
export function reportProjectionFor(kind: EventStore['kind']): Projection {
  return kind === 'sqlite' ? reportProjection : reportProjectionWithoutSnapshots;
}
