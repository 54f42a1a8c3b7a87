import { aggregate, Decider, DomainEvent, NotFoundError, RecordedEvent } from '@app/core';
import { EventStore } from '@app/event-store';

/** How much of a stream counts: all of it (default), or what the system knew at an earlier point. */
export interface AsKnown {
  /** Only the events recorded at or before this instant. */
  asOf?: Date;
  /**
   * Only the events the log held before this global position (a process manager reading "as the event it handles saw
   * it"). Stores that do not know every position fall back to `asOf`.
   */
  before?: bigint;
}

function known(events: RecordedEvent[], { asOf, before }: AsKnown): RecordedEvent[] {
  if (before !== undefined && before >= 0n && events.every((e) => e.position >= 0n)) return events.filter((e) => e.position < before);
  if (!asOf) return events;
  const at = asOf.toISOString();
  return events.filter((e) => e.metadata.recordedAt <= at);
}

/** A stream folded as known at `asKnown`, or NotFoundError when nothing of it was known. */
export async function loadKnown<S extends { exists: boolean }, E extends DomainEvent>(
  store: Pick<EventStore, 'readStream'>,
  decider: Pick<Decider<S, never, E>, 'initialState' | 'evolve'>,
  streamId: string,
  what: string,
  id: string,
  asKnown: AsKnown = {},
): Promise<S & { revision: bigint }> {
  const reader = { readStream: async (s: string) => known(await store.readStream(s), asKnown) };
  const { state, revision } = await aggregate(reader, decider, streamId);
  if (!state.exists) throw new NotFoundError(what, id);
  return { ...state, revision };
}
