import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, Clock } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { APP_CONFIG, AppConfig } from '@app/platform';
import { ReferenceVoider } from './reference-voids';

const CHECK_EVERY_MS = 60 * 1000;

/**
 * Records references taken without a case as void, at start and then every minute. Started by the API server (the
 * process that runs schedulers), never by CLI commands.
 */
@Injectable()
export class ReferenceVoidScheduler implements BeforeApplicationShutdown {
  private readonly logger = new Logger('ReferenceVoids');
  private readonly voider: ReferenceVoider;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(CLOCK) clock: Clock, @Inject(APP_CONFIG) config: AppConfig) {
    this.voider = new ReferenceVoider(store, clock, config.referenceVoidAfterSeconds * 1000);
  }

  start(): void {
    if (this.timer) return;
    // Runs follow each other, never overlap; a failed run is logged and retried at the next.
    const run = () =>
      (this.running = (this.running ?? Promise.resolve())
        .then(() => this.tick())
        .catch((err: unknown) => this.logger.error(`finding void references failed: ${String(err)}`)));
    run();
    this.timer = setInterval(run, CHECK_EVERY_MS);
    this.timer.unref();
  }

  /** One run: the references it recorded as void. */
  async tick() {
    const voided = await this.voider.run();
    for (const v of voided) this.logger.warn(`reference ${v.reference} recorded as void: ${v.reason}`);
    return voided;
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
