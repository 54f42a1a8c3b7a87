import { AllStreamSubscription, EventStoreDBClient } from '@eventstore/db-client';
import { RecordedEvent } from '@app/core';
import { SubscribeOptions, Subscription } from '../event-store.port';
import { UpcasterRegistry } from '../upcasters';
import { isBeyond, isTransient, matchesReadOptions, readAllFrom, subscriptionFilter, toRecordedEvent } from './esdb-mapping';

const MAX_RESUBSCRIBES = 5;

/**
 * A catch-up subscription to $all with a server-side filter. It resumes strictly after the last event it
 * delivered, both at the start and after a dropped connection, so nothing is skipped or repeated.
 */
export class EsdbSubscription implements Subscription {
  private closed = false;
  private current?: AllStreamSubscription;
  private readonly stopped = new WeakSet<AllStreamSubscription>();

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: SubscribeOptions,
    private readonly upcasters: UpcasterRegistry,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    let position = this.options.after;
    let failures = 0;
    while (!this.closed) {
      const sub = this.open(position);
      try {
        for await (const resolved of sub) {
          if (this.closed) return;
          const event = toRecordedEvent(resolved);
          if (!event || !isBeyond(event.position, position)) continue;
          position = event.position;
          failures = 0;
          if (!matchesReadOptions(event, this.options)) continue;
          yield this.options.raw || this.upcasters.size === 0 ? event : this.upcasters.upcast(event);
        }
        return; // the server ended the stream: nothing more will come
      } catch (err) {
        if (this.closed) return;
        if (!isTransient(err) || ++failures > MAX_RESUBSCRIBES) throw err;
        await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** failures));
      } finally {
        await this.stop(sub);
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.current) await this.stop(this.current);
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
