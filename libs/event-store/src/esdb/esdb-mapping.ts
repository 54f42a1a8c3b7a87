import canonicalize from 'canonicalize';
import {
  AllStreamResolvedEvent,
  ANY,
  AppendExpectedRevision,
  END,
  eventTypeFilter,
  excludeSystemEvents,
  Filter,
  JSONEventData,
  JSONType,
  NO_STREAM,
  Position,
  ReadPosition,
  ResolvedEvent,
  START,
  STREAM_EXISTS,
  streamNameFilter,
} from '@eventstore/db-client';
import { EventMetadata, ExpectedRevision, NewEvent, RecordedEvent, WrongExpectedRevisionError } from '@app/core';
import { EventFilter, matchesFilter, ReadAllOptions, RowBreak, StreamMetadata } from '../event-store.port';
import { eventHashFromText } from '../hash-chain';
import { isTransientStoreError } from '../store-errors';

/** Keys the adapter adds to each event's ESDB metadata; stripped again on read. */
export const HASH_KEY = '$hash';
export const PREV_HASH_KEY = '$prevHash';
/** Our stream metadata lives under one custom key so it can never be read as an ESDB setting ($maxCount, $acl, ...). */
export const STREAM_METADATA_KEY = 'synpunkt';

export type ActualRevision = bigint | 'no_stream';
export interface StreamHead {
  revision: bigint;
  hash: string;
  /** The head event's record time: a later event of the stream is never recorded before it, whichever host appends. */
  recordedAt?: string;
}

export { normalizeConnectionString } from './connection-string';

export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return expected;
  }
}

export function actualRevision(head: StreamHead | undefined): ActualRevision {
  return head ? head.revision : 'no_stream';
}

/** What the adapter really appends with: the head it read, so nobody can slip in between read and write. */
export function appendExpectation(head: StreamHead | undefined): AppendExpectedRevision {
  return head ? head.revision : NO_STREAM;
}

export function expectationHolds(expected: ExpectedRevision, actual: ActualRevision): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return actual === 'no_stream';
  if (expected === 'stream_exists') return actual !== 'no_stream';
  return actual === expected;
}

export function checkExpected(streamId: string, expected: ExpectedRevision, actual: ActualRevision): void {
  if (!expectationHolds(expected, actual)) throw new WrongExpectedRevisionError(streamId, expected, actual);
}

/** A lost race only matters to callers who named a revision; 'any' and 'stream_exists' still hold after another append. */
export function retriesOnConflict(expected: ExpectedRevision): boolean {
  return expected === 'any' || expected === 'stream_exists';
}

export function toActualRevision(current: bigint | 'no_stream' | undefined): ActualRevision {
  if (current === undefined || current === 'no_stream' || current < 0n) return 'no_stream';
  return current;
}

interface WrongExpectedVersionLike {
  type: 'wrong-expected-version';
  actualVersion?: bigint | 'no_stream';
}

export function isWrongExpectedVersion(err: unknown): err is WrongExpectedVersionLike {
  return typeof err === 'object' && err !== null && (err as { type?: unknown }).type === 'wrong-expected-version';
}

export function toWrongExpectedRevision(
  err: unknown,
  streamId: string,
  expected: ExpectedRevision,
): WrongExpectedRevisionError | undefined {
  if (!isWrongExpectedVersion(err)) return undefined;
  return new WrongExpectedRevisionError(streamId, expected, toActualRevision(err.actualVersion));
}

export function isStreamNotFound(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { type?: unknown }).type === 'stream-not-found';
}

/** Worth resubscribing or reading again after: the node went away or lost leadership, the data did not change. */
export function isTransient(err: unknown): boolean {
  return isTransientStoreError(err);
}

/**
 * An append whose outcome is unknown: the call ended (node gone, deadline passed, connection aborted) without saying
 * whether the server wrote the events. `not-leader` is not one: a follower refuses before writing.
 */
export function isOutcomeUnknown(err: unknown): boolean {
  const type = typeof err === 'object' && err !== null ? (err as { type?: unknown }).type : undefined;
  return type === 'unavailable' || type === 'deadline-exceeded' || type === 'timeout';
}

export function isNotLeader(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { type?: unknown }).type === 'not-leader';
}

/**
 * gRPC appends commit implicitly, so an event's commit and prepare positions are both its own log position;
 * one bigint therefore names a place in $all exactly.
 */
export function toEsdbPosition(position: bigint): Position {
  return { commit: position, prepare: position };
}

export function fromEsdbPosition(position: Position | undefined, fallback?: bigint): bigint {
  // Servers before 22.6 send no position on stream reads; -1n marks it unknown rather than inventing one.
  return position?.commit ?? fallback ?? -1n;
}

/** Forward reads from a position include it, backward reads exclude it; `isBeyond` trims the difference. */
export function readAllFrom(after: bigint | undefined, direction: 'forwards' | 'backwards'): ReadPosition {
  if (after === undefined) return direction === 'backwards' ? END : START;
  return toEsdbPosition(after);
}

export function isBeyond(position: bigint, after: bigint | undefined, direction: 'forwards' | 'backwards' = 'forwards'): boolean {
  if (after === undefined) return true;
  return direction === 'backwards' ? position < after : position > after;
}

export function packEventMetadata(metadata: EventMetadata, hash: string, prevHash: string | null): Record<string, unknown> {
  return { ...metadata, [HASH_KEY]: hash, [PREV_HASH_KEY]: prevHash };
}

export function unpackEventMetadata(raw: unknown, created: Date): { metadata: EventMetadata; hash: string; prevHash: string | null } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || raw instanceof Uint8Array) {
    // Written by something other than this adapter: no chain, record time from the server.
    return { metadata: { recordedAt: created.toISOString() }, hash: '', prevHash: null };
  }
  const { [HASH_KEY]: hash, [PREV_HASH_KEY]: prevHash, ...rest } = raw as Record<string, unknown>;
  const metadata = { ...rest } as EventMetadata;
  if (typeof metadata.recordedAt !== 'string') metadata.recordedAt = created.toISOString();
  return { metadata, hash: typeof hash === 'string' ? hash : '', prevHash: typeof prevHash === 'string' ? prevHash : null };
}

export interface PreparedAppend {
  eventData: JSONEventData[];
  /** The events as a read will return them; positions are filled in once the server has placed them. */
  recorded: RecordedEvent[];
}

/** Chains the new events onto the head exactly as the sqlite adapter does: canonical text, then hash. */
export function prepareAppend(
  streamId: string,
  head: StreamHead | undefined,
  events: { id: string; event: NewEvent }[],
  recordedAt: string,
): PreparedAppend {
  let prevHash: string | null = head ? head.hash : null;
  let revision = head ? head.revision : -1n;
  const eventData: JSONEventData[] = [];
  const recorded: RecordedEvent[] = [];
  for (const { id, event } of events) {
    revision += 1n;
    const ours = withoutChainKeys({ ...(event.metadata ?? {}), recordedAt }) as EventMetadata;
    const dataText = canonicalize(event.data ?? null) as string;
    const metadataText = canonicalize(ours) as string;
    const hash = eventHashFromText(streamId, revision, event.type, dataText, metadataText, prevHash);
    const data = JSON.parse(dataText) as unknown;
    const metadata = JSON.parse(metadataText) as EventMetadata;
    eventData.push({
      id,
      contentType: 'application/json',
      type: event.type,
      data: data as JSONType,
      metadata: packEventMetadata(metadata, hash, prevHash),
    });
    recorded.push({ id, streamId, revision, position: -1n, type: event.type, data, metadata, prevHash, hash });
    prevHash = hash;
  }
  return { eventData, recorded };
}

function withoutChainKeys(metadata: Record<string, unknown>): Record<string, unknown> {
  const { [HASH_KEY]: _h, [PREV_HASH_KEY]: _p, ...rest } = metadata;
  return rest;
}

/** Record time for events appended onto `head`: this host's clock, but never before the head's (another host's clock may be ahead). */
export function recordedAtOnto(head: StreamHead | undefined, now: string): string {
  return head?.recordedAt && head.recordedAt > now ? head.recordedAt : now;
}

export function headOf(event: RecordedEvent | undefined): StreamHead | undefined {
  return event ? { revision: event.revision, hash: event.hash, recordedAt: event.metadata.recordedAt } : undefined;
}

export function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
  const e = resolved.event;
  if (!e) return undefined;
  const { metadata, hash, prevHash } = unpackEventMetadata(e.metadata, e.created);
  return {
    id: e.id,
    streamId: e.streamId,
    revision: e.revision,
    position: fromEsdbPosition(e.position, resolved.commitPosition),
    type: e.type,
    data: e.isJson ? e.data : Buffer.from(e.data as Uint8Array).toString('base64'),
    metadata,
    hash,
    prevHash,
  };
}

export function isSystemEvent(event: Pick<RecordedEvent, 'streamId' | 'type'>): boolean {
  return event.streamId.startsWith('$') || event.type.startsWith('$');
}

export function matchesReadOptions(event: RecordedEvent, options: EventFilter & Pick<ReadAllOptions, 'recordedUntil'>): boolean {
  if (isSystemEvent(event) || !matchesFilter(options, event.streamId, event.type)) return false;
  return !options.recordedUntil || event.metadata.recordedAt <= options.recordedUntil.toISOString();
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function prefixesOf(filter: EventFilter): string[] {
  if (filter.streamPrefix === undefined) return [];
  return Array.isArray(filter.streamPrefix) ? filter.streamPrefix : [filter.streamPrefix];
}

/**
 * ESDB filters on stream name or on event type, never both: stream prefixes go to the server when given,
 * types otherwise; whatever the server cannot do is left for `matchesReadOptions` on this side.
 */
export function subscriptionFilter(filter: EventFilter): Filter {
  const prefixes = prefixesOf(filter);
  if (prefixes.length) return streamNameFilter({ prefixes });
  if (filter.types?.length) return eventTypeFilter({ regex: `^(?:${filter.types.map(escapeRegex).join('|')})$` });
  return excludeSystemEvents();
}

export function packStreamMetadata(metadata: StreamMetadata): Record<string, unknown> {
  return { [STREAM_METADATA_KEY]: metadata };
}

export function unpackStreamMetadata(esdbMetadata: Record<string, unknown> | undefined): StreamMetadata | undefined {
  const ours = esdbMetadata?.[STREAM_METADATA_KEY];
  return typeof ours === 'object' && ours !== null && !Array.isArray(ours) ? (ours as StreamMetadata) : undefined;
}

/** Stream settings by which the server itself removes a stream's events. */
const REMOVING_SETTINGS = ['$tb', '$maxCount', '$maxAge'] as const;

/** A system record that removes (or will remove at the next scavenge) events of one of our streams; see EsdbEventStore.verifyRows. */
export function tamperMark(event: RecordedEvent): RowBreak | undefined {
  if (event.type === '$streamDeleted' && !event.streamId.startsWith('$')) {
    return {
      streamId: event.streamId,
      revision: -1n,
      reason: 'the stream was deleted (tombstoned): its events are gone or will be at the next scavenge',
    };
  }
  if (event.type !== '$metadata' || !event.streamId.startsWith('$$') || event.streamId.startsWith('$$$')) return undefined;
  const data = typeof event.data === 'object' && event.data !== null ? (event.data as Record<string, unknown>) : {};
  const settings = REMOVING_SETTINGS.filter((key) => data[key] !== undefined && data[key] !== null);
  if (!settings.length) return undefined;
  return {
    streamId: event.streamId.slice(2),
    revision: -1n,
    reason: `the stream's metadata sets ${settings.map((k) => `${k}=${JSON.stringify(data[k])}`).join(', ')}: the server removes events by it`,
  };
}
