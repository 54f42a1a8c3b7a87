import { EventStreamStore, RecordedEvent } from '@app/core';

export interface EventFilter {
  /** Only these event types (exact, versioned names). */
  types?: string[];
  /** Only streams whose id starts with one of these prefixes. */
  streamPrefix?: string | string[];
  /** Only the streams of one partition (see streamPartition), for folds that split the log over threads by stream. */
  partition?: { count: number; index: number };
}

/** Streams are spread over `count` partitions by the character code of their id's last character: a stream keeps its partition. */
export function streamPartition(streamId: string, count: number): number {
  return streamId.charCodeAt(streamId.length - 1) % count;
}

export interface ReadAllOptions extends EventFilter {
  /** Exclusive: events strictly after this position. Default: from the start of the log. */
  after?: bigint;
  limit?: number;
  direction?: 'forwards' | 'backwards';
  /** Return events exactly as stored: no upcasting, no decryption (for verification and export). */
  raw?: boolean;
  /** Leave personal-data fields sealed (upcasting still applies): for readers that never need them, like projections. */
  sealed?: boolean;
  /** Only events recorded at or before this instant (record time). */
  recordedUntil?: Date;
  /**
   * Leave out what a fold never reads, the event id and the hashes: `id`, `hash` and `prevHash` come back null (a
   * store may return them anyway). For projections only, whose events are typed without them (ProjectedEvent).
   */
  lean?: boolean;
}

export interface SubscribeOptions extends EventFilter {
  /** Exclusive start position (a stored checkpoint); default: from the start of the log. */
  after?: bigint;
  raw?: boolean;
  /** See ReadAllOptions.sealed. */
  sealed?: boolean;
  /** See ReadAllOptions.lean. */
  lean?: boolean;
  /**
   * A subscription that loses the log (a node restarts, a leader is elected) retries without end; it calls this with
   * the reason while it retries, and with undefined once it is reading again.
   */
  onRetry?: (reason: string | undefined) => void;
}

/** Catch-up then live, in position order, without gap or duplicate. */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

export type StreamMetadata = Record<string, unknown>;

export interface EventStore extends EventStreamStore {
  readonly kind: 'sqlite' | 'esdb';
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribe(options?: SubscribeOptions): Subscription;
  getStreamMetadata(streamId: string): Promise<StreamMetadata | undefined>;
  setStreamMetadata(streamId: string, metadata: StreamMetadata): Promise<void>;
  /** Position of the newest event in the log; 0n for an empty log. */
  headPosition(): Promise<bigint>;
  /** Each stream's recorded head (revision and hash), where the adapter keeps one: lets verify catch events cut from a stream's end. */
  streamHeads?(): Promise<Map<string, { revision: bigint; hash: string | null }>>;
  /**
   * The first event whose stored columns outside the hash (record-time column, position) contradict its hashed content,
   * where the adapter keeps such columns (SQLite). EventStoreDB has none: it filters on the hashed recordedAt itself.
   */
  verifyRows?(): Promise<RowBreak | undefined>;
  /** Writes events exactly as exported (same stream revisions, metadata and hashes) into streams that do not hold them yet. */
  importEvents?(events: RecordedEvent[]): Promise<number>;
  /** Is the store reachable right now? */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** An event whose unhashed columns contradict what its hash covers (see EventStore.verifyRows). */
export interface RowBreak {
  streamId: string;
  revision: bigint;
  reason: string;
}

export const EVENT_STORE = Symbol('EventStore');

export function matchesFilter(filter: EventFilter, streamId: string, type: string): boolean {
  if (filter.types && filter.types.length && !filter.types.includes(type)) return false;
  if (filter.streamPrefix !== undefined) {
    const prefixes = Array.isArray(filter.streamPrefix) ? filter.streamPrefix : [filter.streamPrefix];
    if (prefixes.length && !prefixes.some((p) => streamId.startsWith(p))) return false;
  }
  if (filter.partition && streamPartition(streamId, filter.partition.count) !== filter.partition.index) return false;
  return true;
}
