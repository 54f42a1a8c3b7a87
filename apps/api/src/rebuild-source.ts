// The projections alone (@app/<lib>/projections), not the modules: a thread that loaded NestJS, validation and
// Swagger through the libraries' indexes spent two seconds of every rebuild starting.
import { casesProjection, outboxProjection } from '@app/cases/projections';
import { createEventStore, type EventStore } from '@app/event-store';
import { figuresReplays, replayReportFacts, reportProjection, reportProjectionFor } from '@app/follow-up/projections';
import { breachesProjection, guaranteesProjection } from '@app/guarantees/projections';
import { open311RequestsProjection } from '@app/open311/projections';
import type { RebuildSourceData, Replay } from '@app/platform';
import { Projection, RebuildSource } from '@app/projections';
import { unitsProjection } from '@app/units/projections';
import { appUpcasters } from './upcasters';

/** Every projection the app's modules register (a test checks the two lists agree); on EventStoreDB, see appProjections. */
export const APP_PROJECTIONS: Projection[] = [
  unitsProjection,
  guaranteesProjection,
  breachesProjection,
  casesProjection,
  outboxProjection,
  reportProjection,
  open311RequestsProjection,
];

/** The app's projections on a store of `kind`: the report facts keep no snapshots on EventStoreDB (reportProjectionFor). */
export function appProjections(kind: EventStore['kind']): Projection[] {
  return APP_PROJECTIONS.map((p) => (p === reportProjection ? reportProjectionFor(kind) : p));
}

/** The replays a replay thread (ReplayPool) runs by name. */
export const replays: Record<string, Replay> = {
  reportFacts: replayReportFacts as Replay,
  // The as-of yearly report, unit follow-up and dashboard, computed whole in the thread (ReportFacts.replayFigures).
  ...(figuresReplays as Record<string, Replay>),
  // Loaded when first asked for, not by rebuild threads: it folds with the modules' own loads, which come with their index.
  auditState: (async (store, args) => (await import('@app/audit')).replayAuditState(store, args as never)) as Replay,
};

/**
 * How a rebuild or replay thread (PlatformOptions.rebuildSource) opens the log: a connection of its own, without the key store
 * (projections read personal data sealed) and with the app's upcasters, so it reads exactly what the main thread would.
 */
export function openRebuildSource(data: unknown): RebuildSource {
  const { dataDir, eventStoreConnectionString, eventStorePath } = data as RebuildSourceData;
  const store = createEventStore({ dataDir, eventStoreConnectionString, eventStorePath, upcasters: appUpcasters() });
  return { store, projections: appProjections(store.kind) };
}
