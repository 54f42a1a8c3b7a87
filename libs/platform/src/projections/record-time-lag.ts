import { EventStore } from '@app/event-store';

/** Positions are immutable, so their record times are kept; the cache is dropped whole once it grows past this. */
const CACHE_LIMIT = 1000;

/**
 * Seconds of record time between the head of the log and a read side that has reached `position`: the head event's
 * recordedAt minus that of the newest event at or before `position` (the first event of the log when nothing is
 * applied yet). One indexed read per position, and none for positions already seen: readiness is polled.
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
    let event;
    try {
      const [atOrBefore] = await this.store.readAll({ direction: 'backwards', after: position + 1n, limit: 1, raw: true });
      event = atOrBefore ?? (await this.store.readAll({ limit: 1, raw: true }))[0];
    } catch {
      return null; // a lag we cannot date is no reason to report the read side down; the lag in events still counts
    }
    const ms = event ? Date.parse(event.metadata.recordedAt) : NaN;
    const value = Number.isNaN(ms) ? null : ms;
    if (this.recordedAt.size >= CACHE_LIMIT) this.recordedAt.clear();
    this.recordedAt.set(position, value);
    return value;
  }
}
