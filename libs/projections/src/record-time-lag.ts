import { RecordedEvent } from '@app/core';
import { EventStore } from '@app/event-store';

/** Positions are immutable, so their record times are kept; the cache is dropped whole once it grows past this. */
const CACHE_LIMIT = 1000;

/**
 * Seconds of record time between the head of the log and a read side that has reached `position`: the head event's
 * recordedAt minus that of the event at `position` (the first event of the log for 0, nothing applied yet). Positions
 * are opaque (KurrentDB's are byte offsets), so the event at a position is found by reading, never by `position ± 1`:
 * the event after it, then the one before that. Cached per position: readiness and metrics poll.
 */
export class RecordTimeLag {
  private readonly recordedAt = new Map<bigint, number | null>();

  constructor(private readonly store: EventStore) {}

  async secondsBehind(position: bigint, head: bigint): Promise<number> {
    if (position >= head) return 0;
    const [headAt, at] = await Promise.all([this.at(head), this.at(position)]);
    if (headAt === null || at === null) return 0;
    return Math.max(0, Math.round((headAt - at) / 1000));
  }

  private async at(position: bigint): Promise<number | null> {
    const known = this.recordedAt.get(position);
    if (known !== undefined) return known;
    let event: RecordedEvent | undefined;
    try {
      event = await this.eventAt(position);
    } catch {
      return null; // a lag we cannot date is no reason to report the read side down
    }
    const ms = event ? Date.parse(event.metadata.recordedAt) : NaN;
    const value = Number.isNaN(ms) ? null : ms;
    if (this.recordedAt.size >= CACHE_LIMIT) this.recordedAt.clear();
    this.recordedAt.set(position, value);
    return value;
  }

  private async eventAt(position: bigint): Promise<RecordedEvent | undefined> {
    const read = (options: Parameters<EventStore['readAll']>[0]) => this.store.readAll({ ...options, limit: 1, raw: true, lean: true });
    if (position === 0n) return (await read({}))[0];
    const [next] = await read({ after: position });
    const [atOrBefore] = await read({ direction: 'backwards', ...(next ? { after: next.position } : {}) });
    return atOrBefore;
  }
}
