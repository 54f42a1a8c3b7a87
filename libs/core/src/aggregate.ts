import { Decider, DomainEvent, fold } from './decider';
import { EventStreamStore, RecordedEvent } from './events';

export interface Aggregate<State> {
  state: State;
  /** The stream's revision (its ETag); -1n when the stream does not exist (or nothing of it was known then). */
  revision: bigint;
  /** The events folded, as read: for a caller that needs more of them than the state keeps, without a second read. */
  events: RecordedEvent[];
}

/**
 * How much of a stream counts: all of it (default), or what the system knew at an earlier point. Always record time
 * (`recordedAt`, or the log's own position), never business time: an as-of answer is what the system knew then.
 */
export interface AsKnown {
  /** Only the events recorded at or before this instant. */
  asOf?: Date;
  /**
   * Only the events the log held before this global position (a process manager reading "as the event it handles saw
   * it"). Stores that do not know every position fall back to `asOf`.
   */
  before?: bigint;
}

/** The events of a stream the system knew at `asKnown` (all of them when it is empty). */
function knownEvents(events: RecordedEvent[], { asOf, before }: AsKnown = {}): RecordedEvent[] {
  if (before !== undefined && before >= 0n && events.every((e) => e.position >= 0n)) return events.filter((e) => e.position < before);
  if (!asOf) return events;
  const at = asOf.toISOString();
  return events.filter((e) => e.metadata.recordedAt <= at);
}

/**
 * One stream folded with its own decider, as known at `asKnown` (default: all of it). The one place a stored event is
 * taken for the decider's event type: the stream's category is the decider's, and the store upcasts every event to its
 * current version before it gets here.
 */
export async function aggregate<State, Event extends DomainEvent>(
  store: Pick<EventStreamStore, 'readStream'>,
  decider: Pick<Decider<State, never, Event>, 'initialState' | 'evolve'>,
  streamId: string,
  asKnown: AsKnown = {},
): Promise<Aggregate<State>> {
  const events = knownEvents(await store.readStream(streamId), asKnown);
  return {
    state: fold(decider, events as unknown as Event[]),
    revision: events.length ? events[events.length - 1].revision : -1n,
    events,
  };
}
