import type { Actor, ExpectedRevision } from '@app/core';

/**
 * Digests the whole log now and records it (`LogDigestRecorded.v2` on audit-digests): on demand by an admin, or
 * daily by the DigestScheduler as the system principal `system:digest`.
 */
export class RecordLogDigest {
  /**
   * `onto`: the revision of the digest stream the caller saw (the scheduler's). The digest is appended with it as the
   * expected revision, and skipped (undefined) if another instance recorded one meanwhile: one digest per interval.
   */
  constructor(
    readonly actor: Actor,
    readonly onto?: ExpectedRevision,
  ) {}
}
