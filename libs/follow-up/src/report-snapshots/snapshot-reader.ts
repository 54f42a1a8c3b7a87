import { existsSync } from 'node:fs';
import { EventStore } from '@app/event-store';
import { ReadModelStore } from '@app/projections';
import { JsonFactStore } from '../report-facts/json-fact-store';
import { REPORT_SNAPSHOTS_TABLE, SnapshotRow } from './snapshot-cuts';

/** Where an `asOf` fold starts: the facts at a cut, and the position the fold goes on after (the cut's last). */
export interface SnapshotStart {
  facts: JsonFactStore;
  after: bigint;
  /** The cut the facts stood at. */
  cut: bigint;
}

/** Which projection's snapshots to read: its name (checkpoint key) and the version its rows must have been built with. */
export interface SnapshotSource {
  readModels: string;
  projection: string;
  version: number;
}

/**
 * The facts at the last cut the log had passed by `asOf` (record time, ISO), from the report projection's snapshots in
 * the read-model file, on a connection of its own (a replay thread has no other); undefined when they cannot serve it,
 * and the fold starts from the beginning of the log:
 * - the log is EventStoreDB's: record time rises with position only on the embedded store (one writer, and
 *   SqliteEventStore.nextRecordedAt), so only there does an instant map to the positions before it;
 * - there is no read-model file, or the projection's live generation was built by another version (its rows may hold
 *   other facts: they are rebuilt with it);
 * - `asOf` is before the first cut the projection has passed.
 */
export async function factsAtLastCut(store: EventStore, source: SnapshotSource, asOf: string): Promise<SnapshotStart | undefined> {
  if (store.kind !== 'sqlite' || !existsSync(source.readModels)) return undefined;
  let rm: ReadModelStore;
  try {
    rm = new ReadModelStore(source.readModels, { readonly: true });
  } catch {
    return undefined; // a file another process is still creating
  }
  try {
    // One read transaction: the checkpoint, the cuts and the rows of the same generation and moment.
    rm.db.exec('BEGIN');
    const checkpoint = rm.checkpoints.get(source.projection);
    if (!checkpoint || checkpoint.version !== source.version) return undefined;
    // The rows of a cut are complete once every event before it is applied: the checkpoint is the last one applied.
    const cuts = rm.db
      .prepare(`SELECT DISTINCT cut FROM ${REPORT_SNAPSHOTS_TABLE} WHERE cut <= ? ORDER BY cut`)
      .safeIntegers()
      .pluck()
      .all(checkpoint.position + 1n) as bigint[];
    const cut = await lastCutBy(store, cuts, new Date(asOf).toISOString());
    if (cut === undefined) return undefined;
    return { facts: factsAt(rm, cut), after: cut - 1n, cut };
  } finally {
    if (rm.db.inTransaction) rm.db.exec('COMMIT');
    rm.close();
  }
}

/** The last of the (ascending) cuts whose events before it were all recorded by `asOf`; record time rises with position. */
async function lastCutBy(store: EventStore, cuts: bigint[], asOf: string): Promise<bigint | undefined> {
  let [lo, hi] = [0, cuts.length - 1];
  let found: bigint | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [last] = await store.readAll({ after: cuts[mid], direction: 'backwards', limit: 1, sealed: true, lean: true });
    if (!last || last.metadata.recordedAt <= asOf) {
      found = cuts[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Every fact as it stood at the cut: its row of the greatest cut at or before it, as JSON (parsed once a fold touches it). */
function factsAt(rm: ReadModelStore, cut: bigint): JsonFactStore {
  const facts = new JsonFactStore();
  // The cut of each fact from the primary key alone, then one row read per fact: a bare `fact` beside max(cut) would
  // read every row up to the cut (a third less time at 1M events, three rows a case).
  const rows = rm.db
    .prepare(
      `SELECT s.kind, s.id, s.fact FROM (SELECT kind, id, max(cut) AS cut FROM ${REPORT_SNAPSHOTS_TABLE} WHERE cut <= ? GROUP BY kind, id) m
       JOIN ${REPORT_SNAPSHOTS_TABLE} s ON s.kind = m.kind AND s.id = m.id AND s.cut = m.cut`,
    )
    .raw()
    .iterate(cut) as IterableIterator<[SnapshotRow['kind'], string, string]>;
  const byKind = { c: facts.cases, b: facts.breaches, g: facts.guarantees, u: facts.units } as Record<
    SnapshotRow['kind'],
    Map<string, string>
  >;
  for (const [kind, id, json] of rows) byKind[kind].set(id, json);
  return facts;
}
