import { RecordedEvent } from '@app/core';
import { EventStore, RowBreak } from './event-store.port';
import { eventHash } from './hash-chain';

export interface VerifyReport {
  ok: boolean;
  eventsChecked: number;
  streamsChecked: number;
  firstBroken?: { streamId: string; revision: string; reason: string };
}

export interface VerifyOptions {
  pageSize?: number;
  onProgress?: (eventsChecked: number) => void;
  /** The store's own record of each stream's head, to catch events cut from a stream's end. */
  heads?: () => Promise<Map<string, { revision: bigint; hash: string | null }>>;
  /** The store's check of what the hashes do not cover (record-time column, position order): see EventStore.verifyRows. */
  rows?: () => Promise<RowBreak | undefined>;
}

/** Every check the store can add beyond the chains: its recorded heads and its unhashed columns. */
export function storeChecks(store: EventStore): Pick<VerifyOptions, 'heads' | 'rows'> {
  return {
    heads: store.streamHeads ? () => store.streamHeads!() : undefined,
    rows: store.verifyRows ? () => store.verifyRows!() : undefined,
  };
}

/**
 * Walks the whole log as stored and names the first event whose chain link or own hash is wrong, then whatever the
 * store's own checks find (a stream cut at its end, a record-time column or position that contradicts the hash).
 */
export async function verifyEventLog(store: EventStore, options: VerifyOptions = {}): Promise<VerifyReport> {
  const pageSize = options.pageSize ?? 5000;
  const last = new Map<string, { revision: bigint; hash: string }>();
  let eventsChecked = 0;
  let after: bigint | undefined;
  const broken = (e: Pick<RecordedEvent, 'streamId' | 'revision'>, reason: string): VerifyReport => ({
    ok: false,
    eventsChecked,
    streamsChecked: last.size,
    firstBroken: { streamId: e.streamId, revision: e.revision.toString(), reason },
  });
  for (;;) {
    const page = await store.readAll({ after, limit: pageSize, raw: true });
    for (const e of page) {
      const prev = last.get(e.streamId);
      const expectedRevision = prev ? prev.revision + 1n : 0n;
      if (e.revision !== expectedRevision) {
        return broken(e, `revision ${e.revision} follows ${prev ? prev.revision : 'nothing'}: an event is missing`);
      }
      if ((prev?.hash ?? null) !== e.prevHash) return broken(e, 'the link to the previous event does not match');
      if (eventHash(e) !== e.hash) return broken(e, 'the event was altered: its hash does not match its content');
      last.set(e.streamId, { revision: e.revision, hash: e.hash });
      eventsChecked++;
    }
    options.onProgress?.(eventsChecked);
    if (page.length < pageSize) break;
    after = page[page.length - 1].position;
  }
  if (options.heads) {
    for (const [streamId, head] of await options.heads()) {
      const seen = last.get(streamId);
      if (head.revision < 0n) continue;
      if (!seen || seen.revision !== head.revision || seen.hash !== head.hash) {
        return broken({ streamId, revision: head.revision }, 'the stream ends before its recorded head: events were removed');
      }
    }
  }
  const row = await options.rows?.();
  if (row) return broken(row, row.reason);
  return { ok: true, eventsChecked, streamsChecked: last.size };
}
