import { fold, NotFoundError } from '@app/core';
import { EventStore } from '@app/event-store';
import { caseDecider, CaseState } from './case.decider';
import { CaseEvent, caseStream } from './case.events';

export async function loadCase(store: EventStore, caseId: string): Promise<CaseState & { revision: bigint }> {
  const events = await store.readStream(caseStream(caseId));
  if (!events.length) throw new NotFoundError('case', caseId);
  return { ...fold(caseDecider, events as unknown as CaseEvent[]), revision: events[events.length - 1].revision };
}
