import { BACKWARDS, END, EventStoreDBClient, FORWARDS, START } from '@eventstore/db-client';
import { ReadStreamOptions, RecordedEvent } from '@app/core';
import { isBeyond, isStreamNotFound, readAllFrom, toRecordedEvent } from './esdb-mapping';

export type Direction = 'forwards' | 'backwards';

/** A stream's events as stored (not upcast); a stream that does not exist reads as empty. */
export async function readStreamEvents(
  client: EventStoreDBClient,
  streamId: string,
  options: ReadStreamOptions,
  requiresLeader: boolean,
): Promise<RecordedEvent[]> {
  if (options.maxCount !== undefined && options.maxCount <= 0) return [];
  const backwards = options.direction === 'backwards';
  const events: RecordedEvent[] = [];
  try {
    const read = client.readStream(streamId, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: options.fromRevision ?? (backwards ? END : START),
      ...(options.maxCount !== undefined ? { maxCount: options.maxCount } : {}),
      requiresLeader,
    });
    for await (const resolved of read) {
      const event = toRecordedEvent(resolved);
      if (event) events.push(event);
    }
  } catch (err) {
    if (isStreamNotFound(err)) return [];
    throw err;
  }
  return events;
}

/**
 * One page of $all strictly past `after`, system events included (callers filter). `exhausted` says the
 * server had fewer than `size` records left, so there is no next page.
 */
export async function readAllPage(
  client: EventStoreDBClient,
  after: bigint | undefined,
  direction: Direction,
  size: number,
  deadline?: number,
): Promise<{ events: RecordedEvent[]; exhausted: boolean }> {
  const events: RecordedEvent[] = [];
  let received = 0;
  const read = client.readAll({
    fromPosition: readAllFrom(after, direction),
    direction: direction === 'backwards' ? BACKWARDS : FORWARDS,
    maxCount: size,
    resolveLinkTos: false,
    ...(deadline ? { deadline } : {}),
  });
  for await (const resolved of read) {
    received++;
    const event = toRecordedEvent(resolved);
    if (event && isBeyond(event.position, after, direction)) events.push(event);
  }
  return { events, exhausted: received < size };
}
