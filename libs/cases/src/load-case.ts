import { aggregate, AsKnown, NotFoundError, RecordedEvent } from '@app/core';
import { EventStore } from '@app/event-store';
import { caseDecider, CaseState } from './case.decider';
import { caseStream } from './case.events';

/**
 * A case's state from its stream, with its revision (ETag), and the events it was folded from (one read, for a reader
 * that needs more of them than the state keeps); NotFoundError when it has no events (as known at `asKnown`).
 */
export async function loadCaseWithEvents(
  store: EventStore,
  caseId: string,
  asKnown: AsKnown = {},
): Promise<{ state: CaseState & { revision: bigint }; events: RecordedEvent[] }> {
  const { state, revision, events } = await aggregate(store, caseDecider, caseStream(caseId), asKnown);
  if (!state.exists) throw new NotFoundError('case', asKnown.asOf ? `${caseId} as of ${asKnown.asOf.toISOString()}` : caseId);
  return { state: { ...state, revision }, events };
}

/** A case's state from its stream, with its revision (ETag); NotFoundError when it has no events (as known at `asKnown`). */
export async function loadCase(store: EventStore, caseId: string, asKnown: AsKnown = {}): Promise<CaseState & { revision: bigint }> {
  return (await loadCaseWithEvents(store, caseId, asKnown)).state;
}
