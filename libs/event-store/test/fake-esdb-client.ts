import { EventEmitter } from 'node:events';
import {
  AllStreamResolvedEvent,
  AppendResult,
  EventStoreDBClient,
  JSONEventData,
  Position,
  ReadPosition,
  StreamNotFoundError,
  UnknownError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import type { ServiceError } from '@grpc/grpc-js';

/**
 * An in-memory stand-in for the 6.x client at the adapter's boundary, with the client's own shapes and error classes
 * (no server runs here). Positions are byte offsets as on KurrentDB: they grow by each record's size, so no arithmetic
 * on them lands on another event, and a read from a position that is no record's fails as the server's does
 * (gRPC INVALID_ARGUMENT, which the client reports as UnknownError). Faults are queued per operation.
 */
interface Stored {
  streamId: string;
  revision: bigint;
  id: string;
  type: string;
  data: unknown;
  metadata: unknown;
  created: Date;
  position: Position;
}

export type Op = 'append' | 'readStream' | 'readAll' | 'subscribe';
/** `afterWrite`: an append that is written before the call fails (the answer was lost). */
export type Fault = { error: Error; afterWrite?: boolean };

/** A gRPC failure as the client receives it, to build the client's own error classes from. */
export const serviceError = (code: number, message: string, metadata: Record<string, string> = {}) =>
  ({ code, details: message, message: `${code} ${message}`, metadata: { getMap: () => metadata } }) as unknown as ServiceError;

export class FakeEsdbClient {
  readonly log: Stored[] = [];
  readonly faults: Record<Op, Fault[]> = { append: [], readStream: [], readAll: [], subscribe: [] };
  readonly calls: Record<Op, number> = { append: 0, readStream: 0, readAll: 0, subscribe: 0 };
  /** Every append request as sent: stream, events and expected revision. */
  readonly appends: { streamId: string; events: JSONEventData[]; expectedRevision: unknown }[] = [];
  private readonly live = new EventEmitter();
  private next = 0n;

  asClient(): EventStoreDBClient {
    return this as unknown as EventStoreDBClient;
  }

  /** Writes a record as the server would (for system records and other hosts' events). */
  write(streamId: string, type: string, data: unknown, metadata: unknown = {}, id = `${streamId}-${type}-${this.log.length}`): Stored {
    const revision = BigInt(this.log.filter((e) => e.streamId === streamId).length);
    const size = 97n + BigInt(JSON.stringify({ data, metadata }).length);
    const record: Stored = {
      streamId,
      revision,
      id,
      type,
      data,
      metadata,
      created: new Date(),
      position: { commit: this.next, prepare: this.next },
    };
    this.next += size;
    this.log.push(record);
    this.live.emit('event', record);
    return record;
  }

  private fault(op: Op): Fault | undefined {
    this.calls[op]++;
    return this.faults[op].shift();
  }

  async appendToStream(streamId: string, events: JSONEventData[], options: { expectedRevision: unknown }): Promise<AppendResult> {
    this.appends.push({ streamId, events, expectedRevision: options.expectedRevision });
    const fault = this.fault('append');
    if (fault && !fault.afterWrite) throw fault.error;
    const stream = this.log.filter((e) => e.streamId === streamId);
    const current = stream.length ? BigInt(stream.length - 1) : undefined;
    const expected = options.expectedRevision;
    // Idempotent as the server is: the same ids at the same expected revision are the same append.
    const firstId = events[0].id;
    const already =
      typeof expected === 'bigint' || expected === 'no_stream'
        ? stream[Number(expected === 'no_stream' ? 0n : (expected as bigint) + 1n)]
        : undefined;
    if (already && already.id === firstId) {
      const last = stream[Number(already.revision) + events.length - 1];
      return { success: true, nextExpectedRevision: last.revision, position: last.position };
    }
    const holds =
      expected === 'any' ||
      (expected === 'no_stream' && current === undefined) ||
      (expected === 'stream_exists' && current !== undefined) ||
      (typeof expected === 'bigint' && current === expected);
    if (!holds) {
      throw new WrongExpectedVersionError(undefined, {
        streamName: streamId,
        expected: expected as bigint,
        current: current ?? 'no_stream',
      });
    }
    let last: Stored | undefined;
    for (const e of events) last = this.write(streamId, e.type, e.data, e.metadata, e.id!);
    if (fault) throw fault.error;
    return { success: true, nextExpectedRevision: last!.revision, position: last!.position };
  }

  readStream(streamId: string, options: { direction?: string; fromRevision?: bigint | 'start' | 'end'; maxCount?: number | bigint }) {
    const fault = this.fault('readStream');
    const log = this.log;
    return (async function* () {
      if (fault) throw fault.error;
      let events = log.filter((e) => e.streamId === streamId);
      if (!events.length) throw new StreamNotFoundError(undefined, streamId);
      const backwards = options.direction === 'backwards';
      if (backwards) events = events.reverse();
      const from = options.fromRevision;
      if (typeof from === 'bigint') events = events.filter((e) => (backwards ? e.revision <= from : e.revision >= from));
      for (const e of events.slice(0, Number(options.maxCount ?? events.length)))
        yield { event: toEvent(e), commitPosition: e.position.commit };
    })();
  }

  readAll(options: { fromPosition?: ReadPosition; direction?: string; maxCount?: number | bigint }) {
    const fault = this.fault('readAll');
    const log = this.log;
    const end = this.next;
    return (async function* (): AsyncGenerator<AllStreamResolvedEvent> {
      if (fault) throw fault.error;
      const backwards = options.direction === 'backwards';
      const from = options.fromPosition ?? (backwards ? 'end' : 'start');
      if (typeof from === 'object' && !log.some((e) => e.position.commit === from.commit) && from.commit !== 0n && from.commit !== end) {
        throw new UnknownError(serviceError(3, 'INVALID_ARGUMENT: Trying to read from an invalid position.'));
      }
      let events = backwards ? [...log].reverse() : [...log];
      if (typeof from === 'object')
        events = events.filter((e) => (backwards ? e.position.commit < from.commit : e.position.commit >= from.commit));
      for (const e of events.slice(0, Number(options.maxCount ?? events.length)))
        yield { event: toEvent(e), commitPosition: e.position.commit } as AllStreamResolvedEvent;
    })();
  }

  /** Catch-up from a position, then live. `faults.subscribe` ends (error: null) or fails the n-th subscription after it caught up. */
  subscribeToAll(options: { fromPosition?: ReadPosition }) {
    const fault = this.fault('subscribe');
    const sub = new FakeSubscription();
    const from = options.fromPosition;
    const pending = this.log.filter((e) => typeof from !== 'object' || e.position.commit > from.commit);
    setImmediate(() => {
      sub.emit('confirmation');
      for (const e of pending) sub.push(e);
      if (fault) return sub.fail(fault.error);
      const onEvent = (e: Stored) => sub.push(e);
      this.live.on('event', onEvent);
      sub.onStop = () => this.live.off('event', onEvent);
    });
    return sub;
  }

  async getStreamMetadata(streamName: string) {
    return { streamName, metadata: undefined };
  }

  async dispose(): Promise<void> {}
}

/** An error that ends the stream without one: the server closed it. */
export class StreamEnded extends Error {}

class FakeSubscription extends EventEmitter {
  private readonly queue: (Stored | Error)[] = [];
  private waiting?: () => void;
  private done = false;
  onStop?: () => void;

  push(e: Stored | Error): void {
    this.queue.push(e);
    this.waiting?.();
  }

  fail(error: Error): void {
    this.push(error);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<AllStreamResolvedEvent> {
    while (!this.done) {
      const next = this.queue.shift();
      if (!next) {
        await new Promise<void>((resolve) => (this.waiting = resolve));
        continue;
      }
      if (next instanceof StreamEnded) return;
      if (next instanceof Error) throw next;
      yield { event: toEvent(next), commitPosition: next.position.commit } as AllStreamResolvedEvent;
    }
  }

  async unsubscribe(): Promise<void> {
    this.done = true;
    this.onStop?.();
    this.waiting?.();
  }

  destroy(): void {
    this.done = true;
    this.waiting?.();
  }
}

function toEvent(e: Stored) {
  return {
    streamId: e.streamId,
    id: e.id,
    revision: e.revision,
    type: e.type,
    data: e.data,
    metadata: e.metadata,
    isJson: true,
    created: e.created,
    position: e.position,
  };
}
