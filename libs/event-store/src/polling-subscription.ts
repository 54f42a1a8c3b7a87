import { RecordedEvent } from '@app/core';
import { Subscription } from './event-store.port';

export interface PollSource {
  /** Events after `after` (exclusive) that match, plus the position the scan safely reached. */
  readBatch(after: bigint, limit: number): Promise<{ events: RecordedEvent[]; reached: bigint }>;
  /** Registers a wake-up for new appends; returns the unregister function. */
  onAppend(listener: () => void): () => void;
}

/**
 * Catch-up then live over a store that is read by position: every read starts strictly after the last
 * position delivered (or scanned), so the hand-over from catch-up to live has neither gap nor duplicate.
 */
export class PollingSubscription implements Subscription {
  private closed = false;
  private wake?: () => void;

  constructor(
    private readonly source: PollSource,
    private position: bigint,
    private readonly pollMs = 250,
    private readonly batchSize = 1000,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    let signalled = false;
    const off = this.source.onAppend(() => {
      signalled = true;
      this.wake?.();
    });
    try {
      while (!this.closed) {
        signalled = false;
        const { events, reached } = await this.source.readBatch(this.position, this.batchSize);
        for (const event of events) {
          if (this.closed) return;
          this.position = event.position;
          yield event;
        }
        if (reached > this.position) this.position = reached;
        if (events.length >= this.batchSize || signalled) continue;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.pollMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
          if (this.closed) this.wake();
        });
        this.wake = undefined;
      }
    } finally {
      off();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake?.();
  }
}
