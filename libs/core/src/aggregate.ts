import { Decider, DomainEvent, fold } from './decider';
import { EventStreamStore } from './events';

export interface Aggregate<State> {
  state: State;
  /** The stream's revision (its ETag); -1n when the stream does not exist. */
  revision: bigint;
}

/**
 * One stream folded with its own decider. The one place a stored event is taken for the decider's event type: the
 * stream's category is the decider's, and the store upcasts every event to its current version before it gets here.
 */
export async function aggregate<State, Event extends DomainEvent>(
  store: Pick<EventStreamStore, 'readStream'>,
  decider: Pick<Decider<State, never, Event>, 'initialState' | 'evolve'>,
  streamId: string,
): Promise<Aggregate<State>> {
  const events = await store.readStream(streamId);
  return {
    state: fold(decider, events as unknown as Event[]),
    revision: events.length ? events[events.length - 1].revision : -1n,
  };
}
