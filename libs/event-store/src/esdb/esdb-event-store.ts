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
import { EventStore, ReadAllOptions, StreamMetadata, SubscribeOptions, Subscription } from '../event-store.port';
import { UpcasterRegistry } from '../upcasters';
import {
  actualRevision,
  appendExpectation,
  checkExpected,
  headOf,
  isSystemEvent,
  matchesReadOptions,
  normalizeConnectionString,
  packStreamMetadata,
  PreparedAppend,
  prepareAppend,
  retriesOnConflict,
  StreamHead,
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
}

const PAGE = 1000;

export class EsdbEventStore implements EventStore {
  readonly kind = 'esdb' as const;
  private readonly upcasters: UpcasterRegistry;
  private readonly clock: Clock;
  private readonly maxAppendRetries: number;
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
      const prepared = prepareAppend(streamId, head, withIds, this.nextRecordedAt());
      const outcome = await this.tryAppend(streamId, expected, head, prepared);
      if (!(outcome instanceof WrongExpectedRevisionError)) return outcome;
      if (!retriesOnConflict(expected) || attempt >= this.maxAppendRetries) throw outcome;
      await sleep(Math.random() * 10 * (attempt + 1));
    }
  }

  private async tryAppend(
    streamId: string,
    expected: ExpectedRevision,
    head: StreamHead | undefined,
    prepared: PreparedAppend,
  ): Promise<AppendResult | WrongExpectedRevisionError> {
    const expectedRevision = expected === 'no_stream' ? toEsdbExpectedRevision(expected) : appendExpectation(head);
    try {
      const result = await this.client.appendToStream(streamId, prepared.eventData, { expectedRevision, requiresLeader: true });
      if (!result.success) return new WrongExpectedRevisionError(streamId, expected, toActualRevision(result.nextExpectedRevision));
      await this.placeEvents(streamId, prepared.recorded, result.position?.commit);
      const last = prepared.recorded[prepared.recorded.length - 1];
      return { nextExpectedRevision: result.nextExpectedRevision, position: last.position, events: prepared.recorded };
    } catch (err) {
      const conflict = toWrongExpectedRevision(err, streamId, expected);
      if (conflict) return conflict;
      throw err;
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
      const page = await readAllPage(this.client, cursor, direction, pageSize);
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
    const subscription = new EsdbSubscription(this.client, options, this.upcasters);
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

  /** The newest event that is ours: system events ($stats, $metadata, ...) may follow it in $all. */
  async headPosition(): Promise<bigint> {
    let cursor: bigint | undefined;
    for (;;) {
      const page = await readAllPage(this.client, cursor, 'backwards', 100);
      for (const event of page.events) {
        if (!isSystemEvent(event)) return event.position;
        cursor = event.position;
      }
      if (page.exhausted || !page.events.length) return 0n;
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
