import { RecordedEvent } from '@app/core';

const IDLE = Symbol('idle');
const nextTurn = () => new Promise<typeof IDLE>((resolve) => setImmediate(() => resolve(IDLE)));

/**
 * Groups the events a subscription already has at hand into batches of up to `max`, without waiting for more:
 * a batch ends when the source would have to wait (one event-loop turn passes) or when it is full.
 */
export class EventBatcher {
  private readonly iterator: AsyncIterator<RecordedEvent>;
  private pending?: Promise<IteratorResult<RecordedEvent>>;
  private ended = false;

  constructor(
    source: AsyncIterable<RecordedEvent>,
    private readonly max: number,
  ) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  /** The next batch (1..max events), or undefined once the source has ended. `onIdle` runs when nothing was at hand. */
  async next(onIdle?: () => void): Promise<RecordedEvent[] | undefined> {
    if (this.ended) return undefined;
    let first = await Promise.race([this.pull(), nextTurn()]);
    if (first === IDLE) {
      onIdle?.();
      first = await this.pull();
    }
    this.pending = undefined;
    if (first.done) return this.end();
    const events = [first.value];
    const turn = nextTurn();
    while (events.length < this.max) {
      const result = await Promise.race([this.pull(), turn]).catch((): typeof IDLE => IDLE);
      if (result === IDLE) break; // the pulled promise (pending, or failed) is taken up by the next batch
      this.pending = undefined;
      if (result.done) {
        this.ended = true;
        break;
      }
      events.push(result.value);
    }
    return events;
  }

  private pull(): Promise<IteratorResult<RecordedEvent>> {
    if (!this.pending) {
      this.pending = this.iterator.next();
      this.pending.catch(() => {}); // observed by the next await; avoids an unhandled rejection if nobody asks again
    }
    return this.pending;
  }

  private end(): undefined {
    this.ended = true;
    return undefined;
  }
}
