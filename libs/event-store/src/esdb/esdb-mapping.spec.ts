import { AllStreamResolvedEvent, ResolvedEvent } from '@eventstore/db-client';
import { RecordedEvent, WrongExpectedRevisionError } from '@app/core';
import { eventHash } from '../hash-chain';
import {
  actualRevision,
  appendExpectation,
  checkExpected,
  expectationHolds,
  fromEsdbPosition,
  HASH_KEY,
  headOf,
  isBeyond,
  isStreamNotFound,
  isSystemEvent,
  isTransient,
  matchesReadOptions,
  normalizeConnectionString,
  packEventMetadata,
  packStreamMetadata,
  prepareAppend,
  PREV_HASH_KEY,
  readAllFrom,
  retriesOnConflict,
  subscriptionFilter,
  toActualRevision,
  toEsdbExpectedRevision,
  toEsdbPosition,
  toRecordedEvent,
  toWrongExpectedRevision,
  unpackEventMetadata,
  unpackStreamMetadata,
} from './esdb-mapping';

const created = new Date('2026-03-02T09:00:00Z');
const at = '2026-03-02T09:00:01.000Z';
const newEvent = (i: number, metadata: Record<string, unknown> = { actor: { sub: 'u1' } }) => ({
  id: `00000000-0000-4000-8000-00000000000${i}`,
  event: { type: 'Thing.v1', data: { i, text: 'åäö' }, metadata },
});

function resolved(overrides: Partial<Record<string, unknown>> = {}, commitPosition?: bigint): AllStreamResolvedEvent {
  const event = {
    streamId: 'case-1',
    id: 'e-1',
    isJson: true,
    revision: 3n,
    type: 'Thing.v1',
    created,
    data: { i: 1 },
    metadata: { actor: { sub: 'u1' }, recordedAt: at, [HASH_KEY]: 'h3', [PREV_HASH_KEY]: 'h2' },
    position: { commit: 500n, prepare: 500n },
    ...overrides,
  };
  return { event, commitPosition } as unknown as AllStreamResolvedEvent;
}

describe('connection strings', () => {
  it.each([
    ['kurrentdb://admin:changeit@node1:2113?tls=false', 'esdb://admin:changeit@node1:2113?tls=false'],
    ['kurrentdb+discover://cluster.local:2113', 'esdb+discover://cluster.local:2113'],
    ['KURRENT://localhost:2113', 'esdb://localhost:2113'],
    ['kdb://localhost:2113', 'esdb://localhost:2113'],
    ['ESDB+Discover://cluster.local:2113', 'esdb+discover://cluster.local:2113'],
    ['  esdb://a:2113,b:2113,c:2113?tls=true ', 'esdb://a:2113,b:2113,c:2113?tls=true'],
  ])('%s → %s', (given, expected) => expect(normalizeConnectionString(given)).toBe(expected));
});

describe('expected revisions', () => {
  it('maps each of ours onto the client value', () => {
    expect(toEsdbExpectedRevision('any')).toBe('any');
    expect(toEsdbExpectedRevision('no_stream')).toBe('no_stream');
    expect(toEsdbExpectedRevision('stream_exists')).toBe('stream_exists');
    expect(toEsdbExpectedRevision(7n)).toBe(7n);
  });

  it('appends with the head that was read, or no_stream when there was none', () => {
    expect(appendExpectation(undefined)).toBe('no_stream');
    expect(appendExpectation({ revision: 4n, hash: 'h' })).toBe(4n);
    expect(actualRevision(undefined)).toBe('no_stream');
    expect(actualRevision({ revision: 0n, hash: 'h' })).toBe(0n);
  });

  it.each([
    ['any', 'no_stream', true],
    ['any', 3n, true],
    ['no_stream', 'no_stream', true],
    ['no_stream', 0n, false],
    ['stream_exists', 'no_stream', false],
    ['stream_exists', 0n, true],
    [2n, 2n, true],
    [1n, 2n, false],
    [0n, 'no_stream', false],
  ] as const)('expected %p against actual %p holds: %p', (expected, actual, holds) => {
    expect(expectationHolds(expected, actual)).toBe(holds);
  });

  it('raises our error carrying expected and actual', () => {
    expect(() => checkExpected('s', 1n, 2n)).toThrow(WrongExpectedRevisionError);
    let caught: unknown;
    try {
      checkExpected('s', 'stream_exists', 'no_stream');
    } catch (err) {
      caught = err;
    }
    expect(caught).toMatchObject({ streamId: 's', expected: 'stream_exists', actual: 'no_stream' });
    expect(() => checkExpected('s', 'any', 'no_stream')).not.toThrow();
  });

  it('retries a lost race only when the caller named no revision', () => {
    expect(retriesOnConflict('any')).toBe(true);
    expect(retriesOnConflict('stream_exists')).toBe(true);
    expect(retriesOnConflict('no_stream')).toBe(false);
    expect(retriesOnConflict(3n)).toBe(false);
  });
});

describe('errors', () => {
  it('turns the client WrongExpectedVersionError into ours with the actual revision', () => {
    const err = { type: 'wrong-expected-version', actualVersion: 5n, expectedVersion: 3n };
    const mapped = toWrongExpectedRevision(err, 'case-1', 3n);
    expect(mapped).toBeInstanceOf(WrongExpectedRevisionError);
    expect(mapped).toMatchObject({ streamId: 'case-1', expected: 3n, actual: 5n });
    expect(toWrongExpectedRevision({ type: 'wrong-expected-version', actualVersion: 'no_stream' }, 's', 0n)?.actual).toBe('no_stream');
  });

  it('leaves other errors alone', () => {
    expect(toWrongExpectedRevision(new Error('boom'), 's', 'any')).toBeUndefined();
    expect(toWrongExpectedRevision({ type: 'unavailable' }, 's', 'any')).toBeUndefined();
    expect(toWrongExpectedRevision(null, 's', 'any')).toBeUndefined();
  });

  it('reads a negative current revision (throwOnAppendFailure=false) as no stream', () => {
    expect(toActualRevision(-1n)).toBe('no_stream');
    expect(toActualRevision(undefined)).toBe('no_stream');
    expect(toActualRevision(0n)).toBe(0n);
  });

  it('recognises a missing stream and transient failures', () => {
    expect(isStreamNotFound({ type: 'stream-not-found' })).toBe(true);
    expect(isStreamNotFound({ type: 'stream-deleted' })).toBe(false);
    expect(isStreamNotFound(undefined)).toBe(false);
    expect(isTransient({ type: 'unavailable' })).toBe(true);
    expect(isTransient({ type: 'not-leader' })).toBe(true);
    expect(isTransient({ type: 'unknown', code: 2 })).toBe(true);
    expect(isTransient({ type: 'cancelled' })).toBe(true);
    expect(isTransient({ type: 'unknown', code: 3 })).toBe(false); // INVALID_ARGUMENT: a bad position, not a fault
    expect(isTransient({ type: 'access-denied' })).toBe(false);
    expect(isTransient(new Error('x'))).toBe(false);
  });
});

describe('positions', () => {
  it('uses one bigint for both commit and prepare', () => {
    expect(toEsdbPosition(1234n)).toEqual({ commit: 1234n, prepare: 1234n });
    expect(fromEsdbPosition({ commit: 99n, prepare: 99n })).toBe(99n);
    expect(fromEsdbPosition(undefined, 42n)).toBe(42n);
    expect(fromEsdbPosition(undefined)).toBe(-1n);
  });

  it('starts $all reads at the ends or at the stored position', () => {
    expect(readAllFrom(undefined, 'forwards')).toBe('start');
    expect(readAllFrom(undefined, 'backwards')).toBe('end');
    expect(readAllFrom(10n, 'forwards')).toEqual({ commit: 10n, prepare: 10n });
  });

  it('keeps only what lies strictly past the cursor in the read direction', () => {
    expect(isBeyond(10n, 10n)).toBe(false);
    expect(isBeyond(11n, 10n)).toBe(true);
    expect(isBeyond(9n, 10n, 'backwards')).toBe(true);
    expect(isBeyond(10n, 10n, 'backwards')).toBe(false);
    expect(isBeyond(0n, undefined)).toBe(true);
  });
});

describe('event metadata', () => {
  it('packs the chain next to our keys and unpacks to exactly our metadata', () => {
    const ours = { actor: { sub: 'u1' }, correlationId: 'c', recordedAt: at };
    const packed = packEventMetadata(ours, 'h1', null);
    expect(packed).toEqual({ ...ours, $hash: 'h1', $prevHash: null });
    expect(unpackEventMetadata(packed, created)).toEqual({ metadata: ours, hash: 'h1', prevHash: null });
  });

  it('gives events from other writers the server time and no chain', () => {
    expect(unpackEventMetadata(undefined, created)).toEqual({
      metadata: { recordedAt: created.toISOString() },
      hash: '',
      prevHash: null,
    });
    expect(unpackEventMetadata({ note: 'x' }, created).metadata).toEqual({ note: 'x', recordedAt: created.toISOString() });
    expect(unpackEventMetadata(new Uint8Array([1]), created).hash).toBe('');
  });
});

describe('prepareAppend', () => {
  it('chains from the head with revisions following it, hashed as verify recomputes them', () => {
    const { eventData, recorded } = prepareAppend('case-1', { revision: 4n, hash: 'head-hash' }, [newEvent(1), newEvent(2)], at);
    expect(recorded.map((e) => e.revision)).toEqual([5n, 6n]);
    expect(recorded[0].prevHash).toBe('head-hash');
    expect(recorded[1].prevHash).toBe(recorded[0].hash);
    for (const e of recorded) expect(eventHash(e)).toBe(e.hash);
    expect(eventData[1]).toMatchObject({
      id: newEvent(2).id,
      contentType: 'application/json',
      type: 'Thing.v1',
      data: { i: 2, text: 'åäö' },
      metadata: { actor: { sub: 'u1' }, recordedAt: at, $hash: recorded[1].hash, $prevHash: recorded[0].hash },
    });
  });

  it('starts a new stream at revision 0 with no predecessor', () => {
    const { recorded } = prepareAppend('case-2', undefined, [newEvent(1)], at);
    expect(recorded[0]).toMatchObject({ revision: 0n, prevHash: null, streamId: 'case-2' });
  });

  it('sets recordedAt itself and keeps callers out of the chain keys', () => {
    const sneaky = newEvent(1, { recordedAt: '1999-01-01', $hash: 'forged', correlationId: 'x' });
    const { recorded, eventData } = prepareAppend('case-3', undefined, [sneaky], at);
    expect(recorded[0].metadata).toEqual({ recordedAt: at, correlationId: 'x' });
    expect((eventData[0].metadata as Record<string, unknown>).$hash).toBe(recorded[0].hash);
  });

  it('stores what it hashed: a round trip through JSON verifies', () => {
    const odd = { type: 'Odd.v1', data: { b: 1, a: [undefined, 2], d: new Date(0), u: undefined } };
    const { eventData, recorded } = prepareAppend('case-4', undefined, [{ id: 'x', event: odd }], at);
    const back = JSON.parse(JSON.stringify(eventData[0].data));
    const metadata = unpackEventMetadata(JSON.parse(JSON.stringify(eventData[0].metadata)), created);
    expect(eventHash({ ...recorded[0], data: back, metadata: metadata.metadata })).toBe(recorded[0].hash);
    expect(prepareAppend('case-4', undefined, [{ id: 'y', event: { type: 'Nil.v1', data: undefined } }], at).eventData[0].data).toBeNull();
  });
});

describe('resolved events', () => {
  it('maps a resolved $all event to ours', () => {
    const e = toRecordedEvent(resolved());
    expect(e).toEqual<RecordedEvent>({
      id: 'e-1',
      streamId: 'case-1',
      revision: 3n,
      position: 500n,
      type: 'Thing.v1',
      data: { i: 1 },
      metadata: { actor: { sub: 'u1' }, recordedAt: at },
      hash: 'h3',
      prevHash: 'h2',
    });
    expect(headOf(e)).toEqual({ revision: 3n, hash: 'h3', recordedAt: at });
  });

  it('falls back to the commit position of the read, and skips unresolved links', () => {
    expect(toRecordedEvent(resolved({ position: undefined }, 77n))?.position).toBe(77n);
    expect(toRecordedEvent({ commitPosition: 1n } as ResolvedEvent)).toBeUndefined();
  });

  it('tells system events from ours', () => {
    expect(isSystemEvent({ streamId: '$$case-1', type: '$metadata' })).toBe(true);
    expect(isSystemEvent({ streamId: '$stats-127.0.0.1:2113', type: 'x' })).toBe(true);
    expect(isSystemEvent({ streamId: 'case-1', type: '$>' })).toBe(true);
    expect(isSystemEvent({ streamId: 'case-1', type: 'Thing.v1' })).toBe(false);
  });

  it('filters reads by type, prefix, record time and system-ness', () => {
    const e = toRecordedEvent(resolved())!;
    expect(matchesReadOptions(e, {})).toBe(true);
    expect(matchesReadOptions(e, { types: ['Other.v1'] })).toBe(false);
    expect(matchesReadOptions(e, { streamPrefix: ['x-', 'case-'] })).toBe(true);
    expect(matchesReadOptions(e, { streamPrefix: 'x-' })).toBe(false);
    expect(matchesReadOptions(e, { recordedUntil: new Date(at) })).toBe(true);
    expect(matchesReadOptions(e, { recordedUntil: new Date('2026-03-02T09:00:00.999Z') })).toBe(false);
    expect(matchesReadOptions({ ...e, streamId: '$$case-1' }, {})).toBe(false);
  });

  it('filters reads by stream partition, as the SQLite store does in SQL: the code of the last character', () => {
    const e = toRecordedEvent(resolved())!;
    const index = e.streamId.charCodeAt(e.streamId.length - 1) % 3;
    expect([0, 1, 2].filter((i) => matchesReadOptions(e, { partition: { count: 3, index: i } }))).toEqual([index]);
  });
});

describe('subscription filters', () => {
  it('sends stream prefixes to the server when given', () => {
    expect(subscriptionFilter({ streamPrefix: 'case-', types: ['A.v1'] })).toMatchObject({
      filterOn: 'streamName',
      prefixes: ['case-'],
    });
    expect(subscriptionFilter({ streamPrefix: ['a-', 'b-'] })).toMatchObject({ prefixes: ['a-', 'b-'] });
  });

  it('matches types exactly, with regex characters escaped', () => {
    const filter = subscriptionFilter({ types: ['CaseRegistered.v1', 'A+B.v2'] }) as { filterOn: string; regex: string };
    expect(filter.filterOn).toBe('eventType');
    const re = new RegExp(filter.regex);
    expect(re.test('CaseRegistered.v1')).toBe(true);
    expect(re.test('A+B.v2')).toBe(true);
    expect(re.test('CaseRegistered.v10')).toBe(false);
    expect(re.test('CaseRegisteredXv1')).toBe(false);
    expect(re.test('xCaseRegistered.v1')).toBe(false);
  });

  it('excludes system events when nothing else narrows the subscription', () => {
    const filter = subscriptionFilter({ types: [], streamPrefix: [] }) as { filterOn: string; regex: string };
    expect(filter.filterOn).toBe('eventType');
    expect(new RegExp(filter.regex).test('$metadata')).toBe(false);
    expect(new RegExp(filter.regex).test('Thing.v1')).toBe(true);
  });
});

describe('stream metadata', () => {
  it('keeps ours under one key so ESDB never reads it as its own settings', () => {
    const ours = { retention: 'P2Y', maxCount: 3, note: 'åäö' };
    const packed = packStreamMetadata(ours);
    expect(Object.keys(packed)).toEqual(['synpunkt']);
    expect(unpackStreamMetadata({ ...packed, maxAge: 60 })).toEqual(ours);
  });

  it('reads absent or foreign metadata as none', () => {
    expect(unpackStreamMetadata(undefined)).toBeUndefined();
    expect(unpackStreamMetadata({ maxAge: 60 })).toBeUndefined();
    expect(unpackStreamMetadata({ synpunkt: 'text' })).toBeUndefined();
  });
});
