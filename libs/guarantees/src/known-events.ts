import { aggregate, AsKnown, Decider, DomainEvent, NotFoundError } from '@app/core';
import { EventStore } from '@app/event-store';

/** A stream folded as known at `asKnown`, or NotFoundError when nothing of it was known. */
export async function loadKnown<S extends { exists: boolean }, E extends DomainEvent>(
  store: Pick<EventStore, 'readStream'>,
  decider: Pick<Decider<S, never, E>, 'initialState' | 'evolve'>,
  streamId: string,
  what: string,
  id: string,
  asKnown: AsKnown = {},
): Promise<S & { revision: bigint }> {
  const { state, revision } = await aggregate(store, decider, streamId, asKnown);
  if (!state.exists) throw new NotFoundError(what, id);
  return { ...state, revision };
}
