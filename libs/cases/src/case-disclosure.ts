import { actorOf, Principal } from '@app/auth';
import { EventStore } from '@app/event-store';
import { eventMetadata } from '@app/platform';

/**
 * Every disclosure of a confidential case's text is logged, whoever reads it and by whichever path: `disclosure-<caseId>`.
 * A personal-data extract (GDPR art. 15) of any case is logged the same way, with `purpose: 'extract'`.
 */
export async function recordConfidentialRead(
  store: EventStore,
  user: Principal,
  c: { caseId: string; reference: string },
  now: Date,
  purpose?: 'extract',
) {
  await store.append(`disclosure-${c.caseId}`, [
    {
      type: 'ConfidentialCaseRead.v1',
      data: {
        caseId: c.caseId,
        reference: c.reference,
        reader: actorOf(user),
        roles: user.roles,
        at: now.toISOString(),
        ...(purpose ? { purpose } : {}),
      },
      metadata: eventMetadata(actorOf(user)),
    },
  ]);
}
