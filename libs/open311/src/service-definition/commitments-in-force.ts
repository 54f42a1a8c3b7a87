import { fold, stockholmYear } from '@app/core';
import { EventStore } from '@app/event-store';
import { commitmentInForce, guaranteeDecider, GuaranteeEvent, guaranteeIdFor, guaranteeStream } from '@app/guarantees';
import { CommitmentOption } from './service-definition';

/** The commitments of the unit's quality guarantee in force now: the ones a complaint filed now may name. */
export async function commitmentsInForce(store: EventStore, unitId: string, now: Date): Promise<CommitmentOption[]> {
  const events = await store.readStream(guaranteeStream(guaranteeIdFor(unitId, stockholmYear(now))));
  const guarantee = fold(guaranteeDecider, events as unknown as GuaranteeEvent[]);
  const ids = [...new Set(guarantee.versions.flatMap((v) => v.commitments.map((c) => c.id)))];
  return ids.flatMap((id) => {
    const inForce = commitmentInForce(guarantee, id, now);
    return inForce.ok ? [{ id, text: inForce.commitment.text }] : [];
  });
}
