import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { APP_CONFIG, AppConfig, eventMetadata } from '@app/platform';
import { latestDigest, LogDigest, recordLogDigest } from './log-digest';

const SYSTEM = { sub: 'system:digest', name: 'Daglig loggsammanfattning' };
const CHECK_EVERY_MS = 15 * 60 * 1000;

/**
 * Records a digest of the whole log (`LogDigestRecorded.v1`) once per DIGEST_INTERVAL_HOURS while the API runs,
 * when anything was appended since the last one: the chain head to publish or export, so that a later wholesale
 * rewrite of the store shows against it. Started by the API server only (CLI commands never record digests).
 */
@Injectable()
export class DigestScheduler implements BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  start(): void {
    if (!this.config.digestIntervalHours || this.timer) return;
    const run = () => (this.running = this.tick().catch(() => undefined)); // a failed tick is retried at the next one
    run();
    this.timer = setInterval(run, CHECK_EVERY_MS);
    this.timer.unref();
  }

  /** Records a digest if the last one is older than the interval and the log has grown since; returns it. */
  async tick(): Promise<LogDigest | undefined> {
    const last = await latestDigest(this.store);
    const head = await this.store.headPosition();
    if (last && head <= last.position) return undefined; // nothing new (the digest event itself is the head)
    const hours = this.config.digestIntervalHours;
    if (last && this.clock.now().getTime() - Date.parse(last.metadata.recordedAt) < hours * 3_600_000) return undefined;
    if (!last && head === 0n) return undefined;
    return recordLogDigest(this.store, eventMetadata(SYSTEM));
  }

  /** Before the store closes. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
