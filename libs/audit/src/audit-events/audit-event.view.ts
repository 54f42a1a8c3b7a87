import { InvalidInputError, RecordedEvent } from '@app/core';
import type { EventStore } from '@app/event-store';

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

/**
 * Where a client starts reading: `after` an event (exclusive: a page's `lastPosition`, an `X-Event-Position`) or `from`
 * one (inclusive: a page's `nextPosition`, an event's `position`). Positions are tokens: KurrentDB's are byte offsets.
 */
export interface StartAt {
  fromPosition?: string;
  after?: string;
}

/**
 * The start as the store's exclusive `after`, computed with no arithmetic on positions: the event before
 * `fromPosition` is read back from it (none: the log's start). A position that is no event's fails with the store's
 * InvalidPositionError (400) on KurrentDB; on SQLite, whose positions count events, any number is a place in the log.
 */
export async function startAfter(store: EventStore, start: StartAt): Promise<bigint | undefined> {
  if (start.after !== undefined && start.fromPosition !== undefined) {
    throw new InvalidInputError([{ field: 'after', message: 'give either after or fromPosition, not both' }]);
  }
  if (start.after !== undefined) return BigInt(start.after);
  if (start.fromPosition === undefined) return undefined;
  const [before] = await store.readAll({ after: BigInt(start.fromPosition), direction: 'backwards', limit: 1, raw: true });
  return before?.position;
}
