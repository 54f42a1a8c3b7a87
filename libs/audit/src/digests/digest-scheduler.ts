import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { actorOf, systemPrincipal } from '@app/auth';
import { CLOCK, Clock } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { APP_CONFIG, AppConfig } from '@app/platform';
import { DIGEST_SIGNER, DigestSigner, RecordedDigest } from './digest-signing';
import { latestDigest } from './log-digest';
import { RecordLogDigest } from './record-log-digest.command';

const SYSTEM = actorOf(systemPrincipal('digest', 'Daglig loggsammanfattning'));
const CHECK_EVERY_MS = 15 * 60 * 1000;

/**
 * Records a digest of the whole log (`LogDigestRecorded.v2`, signed when DIGEST_SIGNING_KEY_FILE is set) once per
 * DIGEST_INTERVAL_HOURS while the API runs, when anything was appended since the last one: the chain head to publish
 * or export, so that a later wholesale rewrite of the store shows against it. Started by the API server only (CLI commands never record digests).
 */
@Injectable()
export class DigestScheduler implements BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private readonly logger = new Logger(DigestScheduler.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DIGEST_SIGNER) private readonly signer: DigestSigner | null,
    private readonly commands: CommandBus,
  ) {}

  start(): void {
    if (!this.signer) {
      // Said at every start: an unsigned digest stored in DATA_DIR can be rewritten along with the log it vouches for.
      this.logger.warn(
        'log digests are UNSIGNED: whoever can write DATA_DIR can rewrite them with the log; set DIGEST_SIGNING_KEY_FILE ' +
          '(npm run cli -- digest-key create --out <file outside DATA_DIR>)',
      );
    }
    if (!this.config.digestIntervalHours || this.timer) return;
    const run = () => (this.running = this.tick().catch(() => undefined)); // a failed tick is retried at the next one
    run();
    this.timer = setInterval(run, CHECK_EVERY_MS);
    this.timer.unref();
  }

  /** Records a digest if the last one is older than the interval and the log has grown since; returns it. */
  async tick(): Promise<RecordedDigest | undefined> {
    const last = await latestDigest(this.store);
    const head = await this.store.headPosition();
    if (last && head <= last.position) return undefined; // nothing new (the digest event itself is the head)
    const hours = this.config.digestIntervalHours;
    if (last && this.clock.now().getTime() - Date.parse(last.metadata.recordedAt) < hours * 3_600_000) return undefined;
    if (!last && head === 0n) return undefined;
    return this.commands.execute(new RecordLogDigest(SYSTEM, last ? last.revision : 'no_stream'));
  }

  /** Before the store closes. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
