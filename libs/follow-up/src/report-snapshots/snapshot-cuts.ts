/**
 * Snapshots of the report facts, cut at log positions (issue #19): a row of `report_snapshots` holds one fact as it
 * stood just before the cut `cut`, for each cut before which the fact changed. The facts at a cut X are then, for every
 * fact, its row with the greatest cut ≤ X; an `asOf` read loads them and folds only the events from X on.
 *
 * Rows hold a fact each, never the whole store: every row derives from the events of one stream, so the projection
 * stays partitioned (a rebuild folds streams on several threads and merges their rows), and a cut costs the facts that
 * changed since the last one, not a copy of them all.
 */

/**
 * Events (positions) between cuts. An `asOf` read folds at most this many events after loading the facts of the cut
 * before it (about 130 ms at the fold's 6–7 µs an event); a fact costs a row for each cut before which it changed.
 * Positions count every event of the embedded log, so a cut comes every REPORT_SNAPSHOT_EVERY events, any stream.
 */
export const REPORT_SNAPSHOT_EVERY = 20_000;

export const REPORT_SNAPSHOTS_TABLE = 'report_snapshots';

/** The columns of report_snapshots: `kind` one of SnapshotKind, `cut` the position the fact stood before. */
export const REPORT_SNAPSHOTS_COLUMNS =
  'kind TEXT NOT NULL, id TEXT NOT NULL, cut INTEGER NOT NULL, fact TEXT NOT NULL, PRIMARY KEY (kind, id, cut)';

/** Short, as a row has one: case, breach, guarantee, unit. */
export type SnapshotKind = 'c' | 'b' | 'g' | 'u';

/** A snapshot row as the readers select it. */
export interface SnapshotRow {
  kind: SnapshotKind;
  fact: string;
}

/** The cut an event's position falls before: the first position of the next run of `every` positions. */
export function cutAfter(position: bigint, every: number): bigint {
  const n = BigInt(every);
  return (position / n + 1n) * n;
}
