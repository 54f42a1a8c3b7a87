import { AsKnown, NotFoundError } from '@app/core';
import { EventStore } from '@app/event-store';
import { commitmentInForce, guaranteeDecider, GuaranteeState } from './guarantee.decider';
import { Commitment, guaranteeStream } from './guarantee.events';
import { loadKnown } from './known-events';

/** A guarantee from its stream (as known at `asKnown`, default now), with its revision; NotFoundError when absent. */
export function loadGuarantee(
  store: EventStore,
  guaranteeId: string,
  asKnown: AsKnown = {},
): Promise<GuaranteeState & { revision: bigint }> {
  return loadKnown(store, guaranteeDecider, guaranteeStream(guaranteeId), 'guarantee', guaranteeId, asKnown);
}

export type CommitmentInForce = ReturnType<typeof commitmentInForce>;

/**
 * Which version's commitment of the guarantee was in force on the Stockholm day of `at`, or why none was, with the
 * guarantee's unit (`exists: false` and no unit when there is no such guarantee).
 */
export async function commitmentInForceAt(
  store: EventStore,
  guaranteeId: string,
  commitmentId: string,
  at: Date,
): Promise<CommitmentInForce & { exists: boolean; unitId?: string }> {
  const guarantee = await loadGuarantee(store, guaranteeId).catch(absent);
  if (!guarantee) return { ok: false, reason: 'the guarantee does not exist', exists: false };
  return { ...commitmentInForce(guarantee, commitmentId, at), exists: true, unitId: guarantee.unitId! };
}

/** The commitments of the guarantee in force on the Stockholm day of `at` (none when there is no such guarantee). */
export async function commitmentsInForceAt(store: EventStore, guaranteeId: string, at: Date): Promise<Commitment[]> {
  const guarantee = await loadGuarantee(store, guaranteeId).catch(absent);
  if (!guarantee) return [];
  const ids = [...new Set(guarantee.versions.flatMap((v) => v.commitments.map((c) => c.id)))];
  return ids.flatMap((id) => {
    const inForce = commitmentInForce(guarantee, id, at);
    return inForce.ok ? [inForce.commitment] : [];
  });
}

function absent(err: unknown): undefined {
  if (err instanceof NotFoundError) return undefined;
  throw err;
}
