import { InvalidInputError, RecordedEvent } from '@app/core';
import { EventStore, InvalidPositionError } from '@app/event-store';

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
 * InvalidPositionError (400) on KurrentDB. On SQLite, whose positions count events, every number up to the head is an
 * event's; one past it is refused here (the head itself for `after`, the next event's for `fromPosition` stay valid:
 * they are where a reader at the end goes on), or an export from it would answer nothing, as if it were the end.
 */
export async function startAfter(store: EventStore, start: StartAt): Promise<bigint | undefined> {
  if (start.after !== undefined && start.fromPosition !== undefined) {
    throw new InvalidInputError([{ field: 'after', message: 'give either after or fromPosition, not both' }]);
  }
  if (start.after !== undefined) {
    const after = BigInt(start.after);
    await refusePastHead(store, after, 0n);
    return after;
  }
  if (start.fromPosition === undefined) return undefined;
  const from = BigInt(start.fromPosition);
  await refusePastHead(store, from, 1n);
  const [before] = await store.readAll({ after: from, direction: 'backwards', limit: 1, raw: true });
  return before?.position;
}

/** SQLite only: KurrentDB checks its own positions, and its head is a byte offset that a later event's exceeds. */
async function refusePastHead(store: EventStore, position: bigint, beyondHead: bigint): Promise<void> {
  if (store.kind === 'sqlite' && position > (await store.headPosition()) + beyondHead) throw new InvalidPositionError(position);
}
