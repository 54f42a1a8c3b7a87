import { RecordedEvent } from '@app/core';

/** An event as the audit API shows it: positions and revisions as numbers, hashes included. */
export function auditEventView(e: RecordedEvent) {
  return {
    position: Number(e.position),
    streamId: e.streamId,
    revision: Number(e.revision),
    id: e.id,
    type: e.type,
    data: e.data,
    metadata: e.metadata,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}

export type AuditEventView = ReturnType<typeof auditEventView>;

/** A client's `fromPosition` (inclusive, 1 = the start) as the store's `after` (exclusive). */
export const positionAfter = (fromPosition?: string) => (fromPosition && BigInt(fromPosition) > 0n ? BigInt(fromPosition) - 1n : undefined);
