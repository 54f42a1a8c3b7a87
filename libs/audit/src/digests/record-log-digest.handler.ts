import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, Clock, WrongExpectedRevisionError } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { eventMetadata } from '@app/platform';
import { DIGEST_SIGNER, DigestSigner, DigestStatement, RecordedDigest, signDigest } from './digest-signing';
import { DIGEST_EVENT, DIGEST_STREAM, logDigest } from './log-digest';
import { RecordLogDigest } from './record-log-digest.command';

/**
 * The one writer of audit-digests. Signed with the server's key when it has one (DIGEST_SIGNING_KEY_FILE), so that
 * whoever can rewrite DATA_DIR still cannot make a digest that vouches for the rewrite.
 */
@CommandHandler(RecordLogDigest)
export class RecordLogDigestHandler implements ICommandHandler<RecordLogDigest, RecordedDigest | undefined> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DIGEST_SIGNER) private readonly signer: DigestSigner | null,
  ) {}

  async execute({ actor, onto }: RecordLogDigest): Promise<RecordedDigest | undefined> {
    const statement: DigestStatement = { ...(await logDigest(this.store)), takenAt: this.clock.now().toISOString() };
    const digest = this.signer ? signDigest(statement, this.signer) : statement;
    try {
      await this.store.append(DIGEST_STREAM, [{ type: DIGEST_EVENT, data: digest, metadata: eventMetadata(actor) }], {
        expectedRevision: onto ?? 'any',
      });
    } catch (err) {
      // Another instance recorded this interval's digest first (several API hosts share one log): theirs stands.
      if (onto !== undefined && err instanceof WrongExpectedRevisionError) return undefined;
      throw err;
    }
    return digest;
  }
}
