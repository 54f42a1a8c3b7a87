import { aggregate, NotFoundError } from '@app/core';
import { EventStore } from '@app/event-store';
import { caseDecider, CaseState } from './case.decider';
import { caseStream } from './case.events';

export interface LoadCaseOptions {
  /** Only the events recorded at or before this instant (record time): the case as the system knew it then. */
  asOf?: Date;
}

/** A case's state from its stream, with its revision (ETag); NotFoundError when it has no events (by `asOf`). */
export async function loadCase(
  store: EventStore,
  caseId: string,
  options: LoadCaseOptions = {},
): Promise<CaseState & { revision: bigint }> {
  const { asOf } = options;
  const known = asOf
    ? { readStream: async (id: string) => (await store.readStream(id)).filter((e) => e.metadata.recordedAt <= asOf.toISOString()) }
    : store;
  const { state, revision } = await aggregate(known, caseDecider, caseStream(caseId));
  if (!state.exists) throw new NotFoundError('case', asOf ? `${caseId} as of ${asOf.toISOString()}` : caseId);
  return { ...state, revision };
}
