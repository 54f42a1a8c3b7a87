import type { Actor } from '@app/core';

/**
 * Digests the whole log now and records it (`LogDigestRecorded.v2` on audit-digests): on demand by an admin, or
 * daily by the DigestScheduler as the system principal `system:digest`.
 */
export class RecordLogDigest {
  constructor(readonly actor: Actor) {}
}
