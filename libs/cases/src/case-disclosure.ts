import { actorOf, Principal } from '@app/auth';
import { EventStore } from '@app/event-store';
import { eventMetadata } from '@app/platform';

/** Every disclosure of a confidential case's text is logged, whoever reads it and by whichever path: `disclosure-<caseId>`. */
export async function recordConfidentialRead(store: EventStore, user: Principal, c: { caseId: string; reference: string }, now: Date) {
  await store.append(`disclosure-${c.caseId}`, [
    {
      type: 'ConfidentialCaseRead.v1',
      data: { caseId: c.caseId, reference: c.reference, reader: actorOf(user), roles: user.roles, at: now.toISOString() },
      metadata: eventMetadata(actorOf(user)),
    },
  ]);
}
