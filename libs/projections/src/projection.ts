import type Database from 'better-sqlite3';
import { RecordedEvent } from '@app/core';
import { EventFilter } from '@app/event-store';

/** What a projection may touch while applying: its own tables of the generation being written. */
export interface ProjectionTx {
  readonly db: Database.Database;
  /** The physical name of one of the projection's logical tables. */
  table(logical: string): string;
}

/**
 * A read model built from the log. `apply` is synchronous and runs inside the transaction that also moves
 * the checkpoint, so each event is applied exactly once.
 */
export interface Projection {
  name: string;
  /** Bump to rebuild from position 0 at the next start. */
  version: number;
  filter?: EventFilter;
  /** Logical table name → column definitions, e.g. `id TEXT PRIMARY KEY, name TEXT`. */
  tables: Record<string, string>;
  /** Logical table name → index column lists. */
  indexes?: Record<string, string[]>;
  apply(tx: ProjectionTx, event: RecordedEvent): void;
}

/** A process manager: reacts to events with side effects (e.g. appending). At-least-once: it must be idempotent. */
export interface Reactor {
  name: string;
  filter?: EventFilter;
  handle(event: RecordedEvent): Promise<void>;
}

export type ProjectionState = 'catching_up' | 'live' | 'failed' | 'rebuilding' | 'stopped';

export interface ProjectionStatus {
  name: string;
  kind: 'projection' | 'reactor';
  position: bigint;
  head: bigint;
  lag: number;
  state: ProjectionState;
  error?: string;
}
