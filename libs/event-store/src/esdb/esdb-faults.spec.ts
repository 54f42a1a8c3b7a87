import { DeadlineExceededError, NotLeaderError, TimeoutError, UnavailableError, UnknownError, CancelledError } from '@eventstore/db-client';
import { FixedClock, RecordedEvent } from '@app/core';
import { FakeEsdbClient, serviceError, StreamEnded } from '../../test/fake-esdb-client';
import { InvalidPositionError } from '../store-errors';
import { EsdbEventStore } from './esdb-event-store';
import { MAX_BACKOFF_MS, subscriptionBackoff } from './esdb-subscription';

const unavailable = () => new UnavailableError(serviceError(14, 'UNAVAILABLE: Connection dropped'));
const notLeader = () =>
  new NotLeaderError(serviceError(9, 'Leader info available', { 'leader-endpoint-host': 'node2', 'leader-endpoint-port': '2113' }));
const event = (i: number) => ({ type: 'Thing.v1', data: { i }, metadata: { actor: { sub: 'u1' } } });

function setup(clock = new FixedClock(new Date('2026-03-02T09:00:00Z'))) {
  const fake = new FakeEsdbClient();
  const store = new EsdbEventStore(fake.asClient(), { clock, subscriptionBackoffMs: () => 1 });
  return { fake, store, clock };
}

describe('an append whose answer is lost', () => {
  it.each([
    ['unavailable', unavailable],
    ['deadline-exceeded', () => new DeadlineExceededError(serviceError(4, 'DEADLINE_EXCEEDED'))],
    ['timeout', () => new TimeoutError(serviceError(10, 'ABORTED'))],
  ])('after %s, finds the events written and does not write them again', async (_name, error) => {
    const { fake, store } = setup();
    await store.append('case-1', [event(0)], { expectedRevision: 'no_stream' });
    fake.faults.append.push({ error: error(), afterWrite: true });
    const result = await store.append('case-1', [event(1), event(2)], { expectedRevision: 0n });
    expect(result.nextExpectedRevision).toBe(2n);
    expect(result.events.map((e) => e.position)).toEqual(fake.log.slice(1).map((e) => e.position.commit));
    expect((await store.readStream('case-1')).map((e) => e.data)).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }]);
  });

  it('resends the same prepared events with the same expected revision when they were not written', async () => {
    const { fake, store, clock } = setup();
    await store.append('case-1', [event(0)], { expectedRevision: 'no_stream' });
    fake.faults.append.push({ error: unavailable() });
    const appending = store.append('case-1', [event(1)]);
    clock.advance(5_000); // a later clock must not change what is resent
    const result = await appending;
    const [first, second] = fake.appends.slice(1);
    expect(second).toEqual(first);
    expect(first.expectedRevision).toBe(0n);
    expect(result.events[0].hash).toBe((await store.readStream('case-1', { fromRevision: 1n }))[0].hash);
    expect(fake.log).toHaveLength(2);
  });

  it('a retried registration (no_stream) never creates a second stream revision', async () => {
    const { fake, store } = setup();
    fake.faults.append.push({ error: unavailable(), afterWrite: true });
    const result = await store.append('case-2', [event(0)], { expectedRevision: 'no_stream' });
    expect(result.nextExpectedRevision).toBe(0n);
    expect(fake.log.filter((e) => e.streamId === 'case-2')).toHaveLength(1);
  });

  it('retries at once on not-leader (a follower writes nothing)', async () => {
    const { fake, store } = setup();
    fake.faults.append.push({ error: notLeader() });
    await store.append('case-3', [event(0)], { expectedRevision: 'no_stream' });
    expect(fake.calls.append).toBe(2);
    expect(fake.calls.readStream).toBe(0);
    expect(fake.log).toHaveLength(1);
  });
});

describe('record time across hosts', () => {
  it('never records an event before the head of its stream, whose host had a clock ahead', async () => {
    const { fake, store } = setup(new FixedClock(new Date('2026-03-02T09:00:00Z')));
    await store.append('case-1', [event(0)], { expectedRevision: 'no_stream' });
    // Another host, its clock a minute ahead, appended the next event.
    const head = (await store.readStream('case-1'))[0];
    fake.log[0].metadata = { ...(fake.log[0].metadata as object), recordedAt: '2026-03-02T09:01:00.000Z' };
    expect(head.revision).toBe(0n);
    const { events } = await store.append('case-1', [event(1)], { expectedRevision: 0n });
    expect(events[0].metadata.recordedAt).toBe('2026-03-02T09:01:00.000Z');
  });
});

describe('a subscription through faults', () => {
  async function take(it: AsyncIterator<RecordedEvent>, n: number): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    while (out.length < n) out.push((await it.next()).value as RecordedEvent);
    return out;
  }

  it('resubscribes through more drops than any fixed limit (unknown, cancelled, a stream that ends too), then reads on', async () => {
    const { fake, store } = setup();
    await store.append('case-1', [event(0)]);
    for (let i = 0; i < 10; i++) fake.faults.subscribe.push({ error: unavailable() });
    fake.faults.subscribe.push({ error: new UnknownError(serviceError(2, 'UNKNOWN: Stream removed')) });
    fake.faults.subscribe.push({ error: new CancelledError(serviceError(1, 'CANCELLED')) });
    fake.faults.subscribe.push({ error: new StreamEnded() });
    const reasons: (string | undefined)[] = [];
    const sub = store.subscribe({ onRetry: (r) => reasons.push(r) });
    const it = sub[Symbol.asyncIterator]();
    expect((await take(it, 1))[0].data).toEqual({ i: 0 });
    const next = it.next();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await store.append('case-1', [event(1)]);
    expect(((await next).value as RecordedEvent).data).toEqual({ i: 1 }); // nothing repeated, nothing skipped
    expect(fake.calls.subscribe).toBe(14);
    const retries = reasons.filter((r) => r !== undefined);
    expect(retries).toHaveLength(13);
    expect(retries[0]).toMatch(/unavailable/);
    expect(retries[10]).toMatch(/unknown/);
    expect(retries[11]).toMatch(/cancelled/);
    expect(retries[12]).toMatch(/ended/);
    expect(reasons[reasons.length - 1]).toBeUndefined(); // back: readiness clears the reason
    await sub.close();
  });

  it('gives up on a failure that retrying cannot mend', async () => {
    const { fake, store } = setup();
    await store.append('case-1', [event(0)]);
    fake.faults.subscribe.push({ error: new UnknownError(serviceError(3, 'INVALID_ARGUMENT: Trying to read from an invalid position.')) });
    const it = store.subscribe()[Symbol.asyncIterator]();
    await it.next();
    await expect(it.next()).rejects.toThrow(/INVALID_ARGUMENT/);
  });

  it('backs off doubling, capped at 30 s', () => {
    expect(subscriptionBackoff(1)).toBe(400);
    expect(subscriptionBackoff(5)).toBe(6400);
    expect(subscriptionBackoff(50)).toBe(MAX_BACKOFF_MS);
    expect(MAX_BACKOFF_MS).toBe(30_000);
  });
});

describe('positions are opaque', () => {
  it('a position that is no event’s is the caller’s error, not the store’s', async () => {
    const { store } = setup();
    await store.append('case-1', [event(0), event(1)]);
    const [first] = await store.readAll();
    await expect(store.readAll({ after: first.position + 1n })).rejects.toBeInstanceOf(InvalidPositionError);
    expect(await store.readAll({ after: first.position })).toHaveLength(1);
  });

  it('reads the head with one record when the newest is ours', async () => {
    const { fake, store } = setup();
    await store.append('case-1', [event(0), event(1)]);
    const before = fake.calls.readAll;
    expect(await store.headPosition()).toBe(fake.log[1].position.commit);
    expect(fake.calls.readAll - before).toBe(1);
    fake.write('$stats-127.0.0.1:2113', '$statsCollected', {});
    expect(await store.headPosition()).toBe(fake.log[1].position.commit);
  });
});

describe('tamper evidence on KurrentDB', () => {
  it('flags a tombstoned stream of ours', async () => {
    const { fake, store } = setup();
    await store.append('case-1', [event(0)]);
    fake.write('case-1', '$streamDeleted', {});
    expect(await store.verifyRows()).toMatchObject({ streamId: 'case-1', reason: expect.stringMatching(/tombstoned/) });
  });

  it.each(['$tb', '$maxCount', '$maxAge'])('flags %s in the metadata of a stream of ours', async (key) => {
    const { fake, store } = setup();
    await store.append('case-1', [event(0)]);
    fake.write('$$case-1', '$metadata', { [key]: 1 });
    expect(await store.verifyRows()).toMatchObject({ streamId: 'case-1', reason: expect.stringContaining(key) });
  });

  it('leaves our own metadata, and settings on system streams, alone', async () => {
    const { fake, store } = setup();
    await store.append('case-1', [event(0)]);
    fake.write('$$case-1', '$metadata', { synpunkt: { retention: 'P2Y' } });
    fake.write('$$$all', '$metadata', { $acl: { $r: '$admins' } });
    fake.write('$$$stats-1', '$metadata', { $maxAge: 86400 });
    expect(await store.verifyRows()).toBeUndefined();
  });
});

describe('connecting', () => {
  it.each(['esdb://localhost:2113?tls=false&throwOnAppendFailure=false', 'ESDB://localhost:2113?THROW_ON_APPEND_FAILURE=False'])(
    'refuses %s',
    (cs) => expect(() => EsdbEventStore.connect(cs)).toThrow(/throwOnAppendFailure/),
  );
});
