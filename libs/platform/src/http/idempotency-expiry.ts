import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CLOCK, Clock } from '@app/core';
import { IdempotencyStore } from './idempotency.store';

const PURGE_EVERY_MS = 10 * 60 * 1000;

/** Deletes expired idempotency records at start and every ten minutes: an expired record must be gone, not only ignored. */
@Injectable()
export class IdempotencyExpiry implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(IdempotencyExpiry.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly store: IdempotencyStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.store.purgeExpired(this.clock.now());
    this.timer = setInterval(() => {
      // A failed purge is retried at the next tick; the records it missed are ignored by reserve meanwhile.
      this.running = this.store.purgeExpired(this.clock.now()).catch((err: Error) => this.logger.warn(`purge failed: ${err.message}`));
    }, PURGE_EVERY_MS);
    this.timer.unref();
  }

  /** Before the store closes (PlatformModule.onApplicationShutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
