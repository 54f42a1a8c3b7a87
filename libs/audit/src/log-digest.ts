import { createHash } from 'node:crypto';
import { AppendMetadata, RecordedEvent } from '@app/core';
import { EventStore } from '@app/event-store';

export interface LogDigest {
  /** SHA-256 over every stream's head (id, revision, hash), in stream-id order. */
  digest: string;
  streams: number;
  events: number;
  /** The last position the digest covers. */
  position: string;
}

/**
 * A digest of the whole log up to a position. Published (or exported) regularly, it makes a wholesale rewrite
 * of the store detectable even when the rewrite recomputed every hash chain consistently.
 */
export async function logDigest(store: EventStore, upTo?: bigint, pageSize = 5000): Promise<LogDigest> {
  const heads = new Map<string, { revision: bigint; hash: string }>();
  let after: bigint | undefined;
  let events = 0;
  let position = 0n;
  for (;;) {
    const page = await store.readAll({ after, limit: pageSize, raw: true });
    let done = page.length < pageSize;
    for (const e of page) {
      if (upTo !== undefined && e.position > upTo) {
        done = true;
        break;
      }
      heads.set(e.streamId, { revision: e.revision, hash: e.hash });
      events++;
      position = e.position;
    }
    if (done || !page.length) break;
    after = page[page.length - 1].position;
  }
  const hash = createHash('sha256');
  for (const id of [...heads.keys()].sort()) {
    const h = heads.get(id)!;
    hash.update(`${id}\u0000${h.revision}\u0000${h.hash}\n`);
  }
  return { digest: hash.digest('hex'), streams: heads.size, events, position: position.toString() };
}

export const DIGEST_STREAM = 'audit-digests';

/** Digests the whole log now and records it (`LogDigestRecorded.v1`): on demand by an admin, or daily by the API. */
export async function recordLogDigest(store: EventStore, metadata: AppendMetadata): Promise<LogDigest> {
  const digest = await logDigest(store);
  await store.append(DIGEST_STREAM, [{ type: 'LogDigestRecorded.v1', data: digest, metadata }]);
  return digest;
}

/** The last digest recorded, if any. */
export async function latestDigest(store: EventStore): Promise<RecordedEvent | undefined> {
  const [last] = await store.readStream(DIGEST_STREAM, { direction: 'backwards', maxCount: 1 });
  return last;
}
