import { AllStreamSubscription, EventStoreDBClient } from '@eventstore/db-client';
import { RecordedEvent } from '@app/core';
import { SubscribeOptions, Subscription } from '../event-store.port';
import { UpcasterRegistry } from '../upcasters';
import { isBeyond, isTransient, matchesReadOptions, readAllFrom, subscriptionFilter, toRecordedEvent } from './esdb-mapping';

/** Back-off after the n-th drop in a row: 0.4 s, 0.8 s, ... up to this. */
export const MAX_BACKOFF_MS = 30_000;
export const subscriptionBackoff = (failures: number) => Math.min(200 * 2 ** failures, MAX_BACKOFF_MS);

/**
 * A catch-up subscription to $all with a server-side filter. It resumes strictly after the last event it delivered,
 * both at the start and after a drop, so nothing is skipped or repeated. A transient failure (a node restart, a leader
 * election, however long) and a stream the server ends are drops: it resubscribes without end, backing off up to
 * MAX_BACKOFF_MS, and tells `onRetry` why meanwhile. Only a failure that trying again cannot mend ends it.
 */
export class EsdbSubscription implements Subscription {
  private closed = false;
  private current?: AllStreamSubscription;
  private readonly stopped = new WeakSet<AllStreamSubscription>();
  private wake?: () => void;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: SubscribeOptions,
    private readonly upcasters: UpcasterRegistry,
    private readonly backoffMs: (failures: number) => number = subscriptionBackoff,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    let position = this.options.after;
    let failures = 0;
    let retrying = false;
    const resumed = () => {
      failures = 0;
      if (retrying) this.options.onRetry?.(undefined);
      retrying = false;
    };
    while (!this.closed) {
      const sub = this.open(position);
      sub.once('confirmation', resumed);
      let reason: string;
      try {
        for await (const resolved of sub) {
          if (this.closed) return;
          resumed();
          const event = toRecordedEvent(resolved);
          if (!event || !isBeyond(event.position, position)) continue;
          position = event.position;
          if (!matchesReadOptions(event, this.options)) continue;
          yield this.options.raw || this.upcasters.size === 0 ? event : this.upcasters.upcast(event);
        }
        reason = 'the server ended the subscription';
      } catch (err) {
        if (this.closed) return;
        if (!isTransient(err)) throw err;
        reason = err instanceof Error ? `${(err as { type?: string }).type ?? err.name}: ${err.message}` : String(err);
      } finally {
        await this.stop(sub);
      }
      if (this.closed) return;
      retrying = true;
      this.options.onRetry?.(`resubscribing (attempt ${failures + 1}): ${reason}`);
      await this.pause(this.backoffMs(++failures));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake?.();
    if (this.current) await this.stop(this.current);
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private open(after: bigint | undefined): AllStreamSubscription {
    this.current = this.client.subscribeToAll({
      fromPosition: readAllFrom(after, 'forwards'),
      filter: subscriptionFilter(this.options),
      resolveLinkTos: false,
    });
    return this.current;
  }

  private async stop(sub: AllStreamSubscription): Promise<void> {
    if (this.stopped.has(sub)) return;
    this.stopped.add(sub);
    // Destroying the readable alone would leave the gRPC call running; cancelling alone could leave an iteration waiting.
    await sub.unsubscribe().catch(() => undefined);
    sub.destroy();
  }
}
