import { RecordedEvent } from '@app/core';
import { Subscription } from './event-store.port';

export interface PollSource {
  /** Events after `after` (exclusive) that match, plus the position the scan safely reached. */
  readBatch(after: bigint, limit: number): Promise<{ events: RecordedEvent[]; reached: bigint }>;
  /** Registers a wake-up for new appends; returns the unregister function. */
  onAppend(listener: () => void): () => void;
}

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

/**
 * Catch-up then live over a store that is read by position: every read starts strictly after the last
 * position delivered (or scanned), so the hand-over from catch-up to live has neither gap nor duplicate.
 *
 * A hand-written iterator rather than an async generator: an event from the batch in hand is delivered with an
 * already-resolved promise, which costs a third of a generator's `yield` per event during catch-up.
 */
export class PollingSubscription implements Subscription {
  private closed = false;
  private wake?: () => void;
  private iterating = false;

  constructor(
    private readonly source: PollSource,
    private position: bigint,
    private readonly pollMs = 250,
    private readonly batchSize = 1000,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    if (this.iterating) throw new Error('a subscription can be iterated once');
    this.iterating = true;
    let batch: RecordedEvent[] = [];
    let next = 0;
    /** Where the scan of the batch in hand reached beyond its last event (a filter skipped the rest). */
    let reachedBeyond: bigint | undefined;
    let signalled = false;
    let off: (() => void) | undefined = this.source.onAppend(() => {
      signalled = true;
      this.wake?.();
    });
    const finish = (): IteratorReturnResult<undefined> => {
      off?.();
      off = undefined;
      this.closed = true;
      return DONE;
    };
    const refill = async (): Promise<IteratorResult<RecordedEvent>> => {
      try {
        while (!this.closed) {
          signalled = false;
          const { events, reached } = await this.source.readBatch(this.position, this.batchSize);
          if (this.closed) break;
          batch = events;
          next = 0;
          if (events.length) {
            // Delivered events move the position one by one; `reached` only once the batch is through.
            if (reached > events[events.length - 1].position) reachedBeyond = reached;
            return deliver();
          }
          if (reached > this.position) this.position = reached;
          // Caught up: wait for an append (or the poll, for other processes' appends) unless one came meanwhile.
          if (signalled) continue;
          await this.sleep();
        }
      } catch (err) {
        finish();
        throw err;
      }
      return finish();
    };
    const deliver = (): IteratorResult<RecordedEvent> => {
      const event = batch[next++];
      this.position = event.position;
      return { value: event, done: false };
    };
    return {
      next: () => {
        if (this.closed) return Promise.resolve(finish());
        if (next < batch.length) return Promise.resolve(deliver());
        if (reachedBeyond !== undefined) {
          if (reachedBeyond > this.position) this.position = reachedBeyond;
          reachedBeyond = undefined;
        }
        return refill();
      },
      return: async () => finish(),
    };
  }

  private sleep(): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, this.pollMs);
      this.wake = () => {
        this.wake = undefined;
        clearTimeout(timer);
        resolve();
      };
      if (this.closed) this.wake();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake?.();
  }
}

/** The inner subscription's events passed through `map`: one `then` per event, not an async generator's two awaits. */
export function mapSubscription(inner: Subscription, map: (event: RecordedEvent) => RecordedEvent): Subscription {
  return {
    close: () => inner.close(),
    [Symbol.asyncIterator]() {
      const events = inner[Symbol.asyncIterator]();
      return {
        next: () =>
          events.next().then((r) => {
            if (r.done) return r;
            try {
              return { value: map(r.value), done: false };
            } catch (err) {
              // As a generator would: the inner iteration ends (its listener goes) and the error reaches the consumer.
              return (events.return?.() ?? Promise.resolve(DONE)).then(() => Promise.reject(err));
            }
          }),
        return: () => (events.return ? events.return() : Promise.resolve(DONE)),
      };
    },
  };
}
