import { randomUUID } from 'node:crypto';
import { EventStoreDBClient } from '@eventstore/db-client';
import {
  AppendResult,
  Clock,
  ExpectedRevision,
  NewEvent,
  ReadStreamOptions,
  RecordedEvent,
  systemClock,
  WrongExpectedRevisionError,
} from '@app/core';
import { EventStore, ReadAllOptions, RowBreak, StreamMetadata, SubscribeOptions, Subscription } from '../event-store.port';
import { UpcasterRegistry } from '../upcasters';
import { InvalidPositionError, isInvalidPosition } from '../store-errors';
import {
  actualRevision,
  appendExpectation,
  checkExpected,
  headOf,
  isNotLeader,
  isOutcomeUnknown,
  isTransient,
  isSystemEvent,
  matchesReadOptions,
  normalizeConnectionString,
  packStreamMetadata,
  PreparedAppend,
  prepareAppend,
  recordedAtOnto,
  retriesOnConflict,
  StreamHead,
  tamperMark,
  toActualRevision,
  toEsdbExpectedRevision,
  toWrongExpectedRevision,
  unpackStreamMetadata,
} from './esdb-mapping';
import { readAllPage, readStreamEvents } from './esdb-reads';
import { EsdbSubscription } from './esdb-subscription';

export interface EsdbEventStoreOptions {
  upcasters?: UpcasterRegistry;
  clock?: Clock;
  /** How often an 'any' / 'stream_exists' append re-reads the head after losing a race. */
  maxAppendRetries?: number;
  /** Milliseconds a subscription waits after its n-th drop in a row (default: doubling from 0.4 s, capped at 30 s). */
  subscriptionBackoffMs?: (failures: number) => number;
}

const PAGE = 1000;

export class EsdbEventStore implements EventStore {
  readonly kind = 'esdb' as const;
  private readonly upcasters: UpcasterRegistry;
  private readonly clock: Clock;
  private readonly maxAppendRetries: number;
  private readonly subscriptionBackoffMs?: (failures: number) => number;
  private readonly subscriptions = new Set<EsdbSubscription>();
  private lastRecordedAt = '';
  private closed = false;

  constructor(
    private readonly client: EventStoreDBClient,
    options: EsdbEventStoreOptions = {},
  ) {
    this.upcasters = options.upcasters ?? new UpcasterRegistry();
    this.clock = options.clock ?? systemClock;
    this.maxAppendRetries = options.maxAppendRetries ?? 10;
    this.subscriptionBackoffMs = options.subscriptionBackoffMs;
  }

  static connect(connectionString: string, options: EsdbEventStoreOptions = {}): EventStore {
    return new EsdbEventStore(EventStoreDBClient.connectionString(normalizeConnectionString(connectionString)), options);
  }

  async append(streamId: string, events: NewEvent[], options: { expectedRevision?: ExpectedRevision } = {}): Promise<AppendResult> {
    if (this.closed) throw new Error('the event store is closed');
    if (!events.length) throw new TypeError('append needs at least one event');
    const expected = options.expectedRevision ?? 'any';
    // Ids are fixed before the first attempt so a retry can never write an event twice.
    const withIds = events.map((event) => ({ id: event.id ?? randomUUID(), event }));
    for (let attempt = 0; ; attempt++) {
      // A new stream has no predecessor to chain to, so 'no_stream' needs no read.
      const head = expected === 'no_stream' ? undefined : await this.readHead(streamId);
      checkExpected(streamId, expected, actualRevision(head));
      const prepared = prepareAppend(streamId, head, withIds, recordedAtOnto(head, this.nextRecordedAt()));
      const outcome = await this.tryAppend(streamId, expected, head, prepared);
      if (!(outcome instanceof WrongExpectedRevisionError)) return outcome;
      if (!retriesOnConflict(expected) || attempt >= this.maxAppendRetries) throw outcome;
      await sleep(Math.random() * 10 * (attempt + 1));
    }
  }

  /**
   * Sends one prepared append until its outcome is known. A follower refuses before writing (`not-leader`): the client
   * turns to the leader it names, and the same events go again at once. When the call ends without an answer
   * (`unavailable`, `deadline-exceeded`, `timeout`) the events may be written: the stream is read back for their ids,
   * and only if they are not there are the same events (same ids, record time and hashes) sent again, with the same
   * expected revision, so a retry can neither write them twice nor chain them onto another head.
   */
  private async tryAppend(
    streamId: string,
    expected: ExpectedRevision,
    head: StreamHead | undefined,
    prepared: PreparedAppend,
  ): Promise<AppendResult | WrongExpectedRevisionError> {
    const expectedRevision = expected === 'no_stream' ? toEsdbExpectedRevision(expected) : appendExpectation(head);
    let uncertain = false;
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await this.client.appendToStream(streamId, prepared.eventData, { expectedRevision, requiresLeader: true });
        // Only with throwOnAppendFailure=false, which connect() refuses; kept so a client built elsewhere cannot pass a lost race as written.
        if (!result.success) return new WrongExpectedRevisionError(streamId, expected, toActualRevision(result.nextExpectedRevision));
        await this.placeEvents(streamId, prepared.recorded, result.position?.commit);
        return this.appended(prepared);
      } catch (err) {
        const conflict = toWrongExpectedRevision(err, streamId, expected);
        if (conflict) return uncertain ? ((await this.written(streamId, prepared)) ?? conflict) : conflict;
        if (attempt >= this.maxAppendRetries || !(isNotLeader(err) || isOutcomeUnknown(err))) throw err;
        if (isNotLeader(err)) continue;
        uncertain = true;
        const written = await this.whenKnown(() => this.written(streamId, prepared), attempt, err);
        if (written) return written;
      }
    }
  }

  /** The prepared events as appended, if the stream holds them (by id, at their revisions); positions as stored. */
  private async written(streamId: string, prepared: PreparedAppend): Promise<AppendResult | undefined> {
    const first = prepared.recorded[0];
    const stored = await readStreamEvents(
      this.client,
      streamId,
      { fromRevision: first.revision, maxCount: prepared.recorded.length },
      true,
    );
    if (stored[0]?.id !== first.id) return undefined;
    const byId = new Map(stored.map((e) => [e.id, e.position]));
    for (const e of prepared.recorded) e.position = byId.get(e.id) ?? -1n;
    return this.appended(prepared);
  }

  private appended(prepared: PreparedAppend): AppendResult {
    const last = prepared.recorded[prepared.recorded.length - 1];
    return { nextExpectedRevision: last.revision, position: last.position, events: prepared.recorded };
  }

  /** Reads back after a lost answer, waiting out a node that is still away; gives up with the append's own error. */
  private async whenKnown<T>(read: () => Promise<T>, attempt: number, appendError: unknown): Promise<T> {
    for (let tries = attempt; ; tries++) {
      await sleep(Math.min(50 * 2 ** tries, 2000));
      try {
        return await read();
      } catch (err) {
        if (!isTransient(err) || tries >= this.maxAppendRetries) throw appendError;
      }
    }
  }

  /** One event sits at the position the server reported; for several, ask where each landed. */
  private async placeEvents(streamId: string, recorded: RecordedEvent[], reported: bigint | undefined): Promise<void> {
    if (recorded.length > 1) {
      const stored = await readStreamEvents(this.client, streamId, { fromRevision: recorded[0].revision, maxCount: recorded.length }, true);
      const byId = new Map(stored.map((e) => [e.id, e.position]));
      for (const e of recorded) e.position = byId.get(e.id) ?? reported ?? -1n;
    } else {
      recorded[0].position = reported ?? -1n;
    }
  }

  private nextRecordedAt(): string {
    let now = this.clock.now().toISOString();
    if (now < this.lastRecordedAt) now = this.lastRecordedAt; // record time never runs backwards
    this.lastRecordedAt = now;
    return now;
  }

  private async readHead(streamId: string): Promise<StreamHead | undefined> {
    const [last] = await readStreamEvents(this.client, streamId, { direction: 'backwards', maxCount: 1 }, true);
    return headOf(last);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return (await readStreamEvents(this.client, streamId, options, false)).map((e) => this.upcast(e, false));
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const direction = options.direction ?? 'forwards';
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    const out: RecordedEvent[] = [];
    let cursor = options.after;
    // The 6.x client has no server-side filter for reads (only for subscriptions), so pages are filtered here.
    const pageSize = Math.min(PAGE, Math.max(limit, 100));
    while (out.length < limit) {
      const page = await this.readPage(cursor, direction, pageSize, options.after);
      for (const event of page.events) {
        cursor = event.position;
        if (!matchesReadOptions(event, options)) continue;
        out.push(this.upcast(event, options.raw ?? false));
        if (out.length >= limit) break;
      }
      if (page.exhausted || !page.events.length) break;
    }
    return out;
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    const subscription = new EsdbSubscription(this.client, options, this.upcasters, this.subscriptionBackoffMs);
    this.subscriptions.add(subscription);
    return {
      [Symbol.asyncIterator]: () => subscription[Symbol.asyncIterator](),
      close: async () => {
        this.subscriptions.delete(subscription);
        await subscription.close();
      },
    };
  }

  async getStreamMetadata(streamId: string): Promise<StreamMetadata | undefined> {
    const result = await this.client.getStreamMetadata(streamId);
    return unpackStreamMetadata(result.metadata);
  }

  async setStreamMetadata(streamId: string, metadata: StreamMetadata): Promise<void> {
    await this.client.setStreamMetadata(streamId, packStreamMetadata(metadata));
  }

  /** A page of $all; a start the caller gave that is no event's position is the caller's error, not the store's. */
  private async readPage(cursor: bigint | undefined, direction: 'forwards' | 'backwards', size: number, given: bigint | undefined) {
    try {
      return await readAllPage(this.client, cursor, direction, size);
    } catch (err) {
      if (cursor !== undefined && cursor === given && isInvalidPosition(err)) throw new InvalidPositionError(cursor);
      throw err;
    }
  }

  /**
   * The newest event that is ours. The 6.x client cannot filter a read, so this reads one record back from the end,
   * and only when that is a system event ($stats, $metadata, ...) steps further back, a page at a time.
   */
  async headPosition(): Promise<bigint> {
    let cursor: bigint | undefined;
    for (let size = 1; ; size = 100) {
      const page = await readAllPage(this.client, cursor, 'backwards', size);
      for (const event of page.events) {
        if (!isSystemEvent(event)) return event.position;
        cursor = event.position;
      }
      if (page.exhausted || !page.events.length) return 0n;
    }
  }

  /**
   * What the hash chains cannot show on KurrentDB: a stream of ours tombstoned (`$streamDeleted`, its events gone at
   * the next scavenge) or given truncation or retention settings (`$tb`, `$maxCount`, `$maxAge` in its metadata), by
   * which the server itself removes events. Reads $all whole, system records included.
   */
  async verifyRows(): Promise<RowBreak | undefined> {
    let cursor: bigint | undefined;
    for (;;) {
      const page = await readAllPage(this.client, cursor, 'forwards', PAGE);
      for (const event of page.events) {
        cursor = event.position;
        const found = tamperMark(event);
        if (found) return found;
      }
      if (page.exhausted || !page.events.length) return undefined;
    }
  }

  async ping(): Promise<boolean> {
    try {
      await readAllPage(this.client, undefined, 'backwards', 1, 2000);
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // A subscription still open when the channel goes would wait forever on its cancelled call.
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.client.dispose();
  }

  private upcast(event: RecordedEvent, raw: boolean): RecordedEvent {
    return raw || this.upcasters.size === 0 ? event : this.upcasters.upcast(event);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
