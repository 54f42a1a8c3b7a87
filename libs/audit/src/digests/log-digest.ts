import { createHash } from 'node:crypto';
import { RecordedEvent } from '@app/core';
import { EventStore } from '@app/event-store';
import { DigestStatement, RecordedDigest } from './digest-signing';

export type LogDigest = Omit<DigestStatement, 'takenAt'>;

/** Folds the log, in position order, into the digest of every stream's head; `digest()` may be taken at any point. */
export class LogDigester {
  private readonly heads = new Map<string, { revision: bigint; hash: string }>();
  private sorted: string[] = [];
  private added: string[] = [];
  private events = 0;
  private position = 0n;

  add(e: Pick<RecordedEvent, 'streamId' | 'revision' | 'hash' | 'position'>): void {
    if (!this.heads.has(e.streamId)) this.added.push(e.streamId);
    this.heads.set(e.streamId, { revision: e.revision, hash: e.hash });
    this.events++;
    this.position = e.position;
  }

  digest(): LogDigest {
    if (this.added.length) {
      // Appended to an already sorted list, a sort is nearly linear: many digests along one walk stay cheap.
      this.sorted = this.sorted.concat(this.added).sort();
      this.added = [];
    }
    const hash = createHash('sha256');
    for (const id of this.sorted) {
      const h = this.heads.get(id)!;
      hash.update(`${id}\u0000${h.revision}\u0000${h.hash}\n`);
    }
    return { digest: hash.digest('hex'), streams: this.heads.size, events: this.events, position: this.position.toString() };
  }
}

/**
 * Digests of the log as it stands, each up to one of `positions` (ascending), in one walk: what a digest taken when
 * the log ended at that position said, if the log has not changed since.
 */
export async function logDigestsAt(store: EventStore, positions: bigint[], pageSize = 5000): Promise<LogDigest[]> {
  const digester = new LogDigester();
  const out: LogDigest[] = [];
  let after: bigint | undefined;
  for (;;) {
    const page = await store.readAll({ after, limit: pageSize, raw: true });
    for (const e of page) {
      while (out.length < positions.length && e.position > positions[out.length]) out.push(digester.digest());
      if (out.length === positions.length) return out;
      digester.add(e);
    }
    if (page.length < pageSize) break;
    after = page[page.length - 1].position;
  }
  while (out.length < positions.length) out.push(digester.digest());
  return out;
}

const END_OF_LOG = 2n ** 63n; // beyond any position a store hands out

/**
 * A digest of the whole log up to a position. Published (or exported) regularly, it makes a wholesale rewrite
 * of the store detectable even when the rewrite recomputed every hash chain consistently.
 */
export async function logDigest(store: EventStore, upTo?: bigint, pageSize = 5000): Promise<LogDigest> {
  const [digest] = await logDigestsAt(store, [upTo ?? END_OF_LOG], pageSize);
  return digest;
}

export const DIGEST_STREAM = 'audit-digests';
/** v1 (before signing): `{digest, streams, events, position}`; v2 adds `takenAt` and, with a key, `keyId` and `signature`. */
export const DIGEST_EVENT = 'LogDigestRecorded.v2';

/** A recorded digest with where it sits in the log, whichever version it was recorded as. */
export interface StoredDigest {
  revision: bigint;
  position: bigint;
  recordedAt: string;
  data: RecordedDigest;
}

export function storedDigest(e: RecordedEvent): StoredDigest {
  const data = e.data as RecordedDigest;
  return {
    revision: e.revision,
    position: e.position,
    recordedAt: e.metadata.recordedAt,
    // a v1 digest was taken in the same moment it was recorded
    data: e.type === 'LogDigestRecorded.v1' ? { ...data, takenAt: e.metadata.recordedAt } : data,
  };
}

/** Every digest recorded, oldest first. */
export async function recordedDigests(store: EventStore): Promise<StoredDigest[]> {
  return (await store.readStream(DIGEST_STREAM)).map(storedDigest);
}

/** The last digest recorded, if any. */
export async function latestDigest(store: EventStore): Promise<RecordedEvent | undefined> {
  const [last] = await store.readStream(DIGEST_STREAM, { direction: 'backwards', maxCount: 1 });
  return last;
}
