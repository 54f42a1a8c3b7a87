import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/core';
import { EventFilter } from '@app/event-store';

/**
 * What a projection is given of an event: everything but its id and hashes, which projections never need and the
 * log is read without (ReadAllOptions.lean).
 */
export type ProjectedEvent = Omit<RecordedEvent, 'id' | 'hash' | 'prevHash'>;

/** What a projection may touch while applying: its own tables of the generation being written. */
export interface ProjectionTx {
  /** The raw handle, for statements the helpers do not cover. Stay inside `table(...)` names. */
  readonly db: Database.Database;
  /**
   * The unit of work whose rows a projection may keep in memory between `apply` and `flush` (see `scoped`): one
   * transaction on the live path; during a rebuild, a whole run of pages (the new generation is nobody's until the
   * swap, and a failed rebuild drops it), so a case's events across those pages cost one row write.
   */
  readonly scope: object;
  /** The physical name of one of the projection's logical tables in this generation; throws for any other name. */
  table(logical: string): string;
  /** Prepared once per SQL text. */
  run(sql: string, ...params: unknown[]): Database.RunResult;
  get<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T | undefined;
  all<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[];
}

/**
 * A read model built from the log. `apply` is synchronous and runs inside the transaction that also moves
 * the checkpoint, so each event is applied exactly once. It must be deterministic: a rebuild replays it.
 */
export interface Projection {
  /** Checkpoint key; unique among projections and reactors. */
  name: string;
  /** Bump to rebuild from position 0 at the next start (e.g. when the tables or the apply logic change). */
  version: number;
  filter?: EventFilter;
  /** Logical table name (also the name of the view readers query) → column definitions, e.g. `id TEXT PRIMARY KEY, name TEXT`. */
  tables: Record<string, string>;
  /** Logical table name → index column lists, e.g. `['unit_id, year']`. */
  indexes?: Record<string, string[]>;
  apply(tx: ProjectionTx, event: ProjectedEvent): void;
  /** How costly a rebuild of this projection is beside the others (default 1): rebuildAll balances its threads by it. */
  rebuildCost?: number;
  /**
   * Every row this projection writes derives from the events of one stream, except rows of the tables in `sums`,
   * whose `add` columns add up over streams (rows met by `key`). Then a rebuild over threads folds it in stream
   * partitions, each thread a share of the streams, and merges them: see rebuildAll.
   */
  partitioned?: { sums?: Record<string, { key: string[]; add: string[] }> };
  /**
   * Called once at the end of each unit of work (`tx.scope`: a live batch, or a run of rebuild pages), inside its
   * last transaction, before the checkpoint moves: a projection that keeps rows in memory while it applies writes them here.
   */
  flush?(tx: ProjectionTx): void;
}

/**
 * A process manager: reacts to events with side effects (e.g. appending to another stream). Its checkpoint is
 * saved only after `handle` succeeded, so an event can be handled again after a crash: at-least-once.
 * `handle` must therefore be idempotent, e.g. append with an expected revision or a deterministic event id.
 */
export interface Reactor {
  name: string;
  filter?: EventFilter;
  /** Reads the log with personal data left sealed (no decryption per event); for reactors that never read it. */
  sealed?: boolean;
  handle(event: RecordedEvent): Promise<void>;
}

export type ProjectionState = 'catching_up' | 'live' | 'failed' | 'rebuilding' | 'stopped';

export interface FailedEvent {
  position: bigint;
  type: string;
  streamId: string;
}

export interface ProjectionStatus {
  name: string;
  kind: 'projection' | 'reactor';
  state: ProjectionState;
  /** Position of the last event applied (as stored in the checkpoint). */
  checkpoint: bigint;
  /** Every event up to here that passes the filter is applied; ≥ checkpoint when later events do not concern it. */
  position: bigint;
  head: bigint;
  /**
   * Seconds of record time between the head of the log and the newest event this worker has reached (0 when nothing
   * that concerns it is pending). Positions are opaque, so lag is never counted in them.
   */
  lagSeconds: number;
  /** Set while its subscription retries after losing the log, or while a restart after such a failure is pending: why. */
  retrying?: string;
  error?: string;
  failedEvent?: FailedEvent;
  /** Projections only: the live generation and version. */
  generation?: number;
  version?: number;
  /** While a rebuild runs: the generation being built and how far it got. */
  rebuild?: { generation: number; position: bigint };
}
