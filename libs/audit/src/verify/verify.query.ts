import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { referenceGaps } from '@app/cases';
import { CLOCK, Clock } from '@app/core';
import { EVENT_STORE, EventStore, storeChecks, verifyEventLog } from '@app/event-store';
import { APP_CONFIG, AppConfig } from '@app/platform';
import { headsAtLastSignedDigest } from '../digests/digest-verification';
import { logDigest } from '../digests/log-digest';

/**
 * Walks every stream's hash chain and the columns the hashes do not cover (record time, position order), and the
 * streams' heads (on KurrentDB, which records none, against the newest signed digest); with a published digest, also
 * checks the log as a whole was not rewritten. Signatures are checked by the CLI
 * (`verify --public-key`), against a key the auditor holds rather than one this server vouches for.
 */
export class VerifyLog {
  constructor(readonly published?: { digest: string; position?: string }) {}
}

@QueryHandler(VerifyLog)
export class VerifyLogHandler implements IQueryHandler<VerifyLog> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ published }: VerifyLog) {
    const checked = await verifyEventLog(this.store, storeChecks(this.store));
    const signedHeads = await headsAtLastSignedDigest(this.store);
    // The reference series' voids and unexplained numbers are listed, not failed on (see referenceGaps).
    const references = await referenceGaps(this.store, this.clock.now(), this.config.referenceVoidAfterSeconds * 1000);
    const report = { ...checked, ok: checked.ok && signedHeads?.ok !== false, ...(signedHeads && { signedHeads }), references };
    if (!published) return report;
    const current = await logDigest(this.store, published.position ? BigInt(published.position) : undefined);
    const matches = current.digest === published.digest;
    return {
      ...report,
      ok: report.ok && matches,
      digest: { expected: published.digest, actual: current.digest, position: current.position, matches },
    };
  }
}
