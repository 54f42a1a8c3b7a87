/** Who did it and why, carried with every event. `recordedAt` is set by the store side, never by a caller. */
export interface EventMetadata {
  actor?: { sub: string; name?: string };
  correlationId?: string;
  causationId?: string;
  recordedAt: string;
  [key: string]: unknown;
}

export type AppendMetadata = Omit<Partial<EventMetadata>, 'recordedAt'>;

/** Who did something, as events record it: a person's token subject, or a named system principal (`system:…`). */
export type Actor = NonNullable<EventMetadata['actor']>;

export interface NewEvent {
  type: string;
  data: unknown;
  metadata?: AppendMetadata;
  /** Optional client-chosen id; generated when absent. */
  id?: string;
}

export interface RecordedEvent<D = unknown> {
  id: string;
  streamId: string;
  /** 0-based, contiguous within the stream. */
  revision: bigint;
  /** Global position in commit order; strictly increasing, not necessarily contiguous. */
  position: bigint;
  type: string;
  data: D;
  metadata: EventMetadata;
  /** Hash of this event over its canonical form (includes prevHash). */
  hash: string;
  /** Hash of the previous event in the stream; null for revision 0. */
  prevHash: string | null;
}

export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

export interface AppendResult {
  /** Revision of the last event written: pass it as the next expected revision. */
  nextExpectedRevision: bigint;
  /** Global position of the last event written. */
  position: bigint;
  events: RecordedEvent[];
}

export type ReadDirection = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  direction?: ReadDirection;
  /** Start at this revision (inclusive); default: the start (forwards) or the end (backwards). */
  fromRevision?: bigint;
  maxCount?: number;
}

/** The part of the event store port that command handling needs. */
export interface EventStreamStore {
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  append(streamId: string, events: NewEvent[], options?: { expectedRevision?: ExpectedRevision }): Promise<AppendResult>;
}

export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | 'no_stream',
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}
