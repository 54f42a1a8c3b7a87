import { Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentUser, Principal, Roles } from '@app/auth';
import { CLOCK, Clock, NotFoundError } from '@app/core';
import { EVENT_STORE, EventStore, storeChecks, verifyEventLog } from '@app/event-store';
import { APP_CONFIG, AppConfig, eventMetadata } from '@app/platform';
import { referenceGaps } from '@app/cases';
import { VerifyQuery } from './audit.request.dto';
import { DIGEST_SIGNER, DigestSigner } from './digest-signing';
import { latestDigest, logDigest, recordLogDigest } from './log-digest';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
export class VerifyController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DIGEST_SIGNER) private readonly signer: DigestSigner | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Walks every stream's hash chain and the columns the hashes do not cover (record time, position order); with a
   * published digest, also checks the log as a whole was not rewritten. Signatures are checked by the CLI
   * (`verify --public-key`), against a key the auditor holds rather than one this server vouches for.
   */
  @Get('verify')
  @Roles('auditor', 'admin')
  async verify(@Query() q: VerifyQuery) {
    const checked = await verifyEventLog(this.store, storeChecks(this.store));
    // The reference series' voids and unexplained numbers are listed, not failed on (see referenceGaps).
    const references = await referenceGaps(this.store, this.clock.now(), this.config.referenceVoidAfterSeconds * 1000);
    const report = { ...checked, references };
    if (!q.digest) return report;
    const current = await logDigest(this.store, q.position ? BigInt(q.position) : undefined);
    const digestMatches = current.digest === q.digest;
    return {
      ...report,
      ok: report.ok && digestMatches,
      digest: { expected: q.digest, actual: current.digest, position: current.position, matches: digestMatches },
    };
  }

  /** Records a digest of the whole log as an event, signed when the server has a key; export or publish it. */
  @Post('digests')
  @HttpCode(201)
  @Roles('admin')
  async record(@CurrentUser() user: Principal) {
    return recordLogDigest(this.store, eventMetadata(actorOf(user)), { now: this.clock.now(), signer: this.signer });
  }

  @Get('digests/latest')
  @Roles('auditor', 'admin')
  async latest() {
    const last = await latestDigest(this.store);
    if (!last) throw new NotFoundError('digest', 'latest');
    return { ...(last.data as object), recordedAt: last.metadata.recordedAt };
  }

  /** Who read which confidential case, and when. */
  @Get('disclosures')
  @Roles('auditor', 'admin')
  async disclosures() {
    const events = await this.store.readAll({ types: ['ConfidentialCaseRead.v1'] });
    return { disclosures: events.map((e) => ({ ...(e.data as object), position: Number(e.position) })) };
  }
}
