import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/**
 * SHA-256 over the canonical (RFC 8785) text of the event as stored — ciphertext, never plaintext —
 * chained to the previous event of the same stream.
 */
export function eventHashFromText(
  streamId: string,
  revision: bigint,
  type: string,
  dataText: string,
  metadataText: string,
  prevHash: string | null,
): string {
  return createHash('sha256')
    .update(JSON.stringify([streamId, revision.toString(), type, prevHash]))
    .update('\n')
    .update(dataText)
    .update('\n')
    .update(metadataText)
    .digest('hex');
}

export function eventHash(e: {
  streamId: string;
  revision: bigint;
  type: string;
  data: unknown;
  metadata: unknown;
  prevHash: string | null;
}): string {
  return eventHashFromText(
    e.streamId,
    e.revision,
    e.type,
    canonicalize(e.data ?? null) as string,
    canonicalize(e.metadata) as string,
    e.prevHash,
  );
}
