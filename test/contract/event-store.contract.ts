import { NewEvent, RecordedEvent, WrongExpectedRevisionError } from '@app/core';
import { EventStore, streamPartition, UpcasterRegistry, verifyEventLog } from '@app/event-store';
import { randomUUID } from 'node:crypto';

/** The behaviour every EventStore adapter must show. `open` gives a fresh, empty-enough store per test. */
/** `open` gives a fresh store; with `upcasters`, one that runs them on every read path. */
export type OpenStore = (options?: { upcasters?: UpcasterRegistry }) => Promise<EventStore>;

export function eventStoreContract(name: string, open: OpenStore, describeFn: jest.Describe = describe): void {
  describeFn(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    let prefix: string;
    const ev = (i: number, extra: Record<string, unknown> = {}): NewEvent => ({
      type: 'Thing.v1',
      data: { i, ...extra },
      metadata: { actor: { sub: 'tester' }, correlationId: 'c-1' },
    });
    const stream = (s: string) => `${prefix}${s}`;

    beforeEach(async () => {
      store = await open();
      prefix = `t${randomUUID().slice(0, 8)}_`;
    });
    afterEach(async () => store.close());

    describe('expected revision', () => {
      it('no_stream succeeds on a new stream and fails on an existing one', async () => {
        const r = await store.append(stream('a'), [ev(1)], { expectedRevision: 'no_stream' });
        expect(r.nextExpectedRevision).toBe(0n);
        await expect(store.append(stream('a'), [ev(2)], { expectedRevision: 'no_stream' })).rejects.toMatchObject({
          name: 'WrongExpectedRevisionError',
          actual: 0n,
        });
      });

      it('stream_exists fails on a new stream and succeeds on an existing one', async () => {
        await expect(store.append(stream('b'), [ev(1)], { expectedRevision: 'stream_exists' })).rejects.toBeInstanceOf(
          WrongExpectedRevisionError,
        );
        await store.append(stream('b'), [ev(1)]);
        const r = await store.append(stream('b'), [ev(2)], { expectedRevision: 'stream_exists' });
        expect(r.nextExpectedRevision).toBe(1n);
      });

      it('an exact revision must equal the current one, and the error carries the actual revision', async () => {
        await store.append(stream('c'), [ev(1), ev(2), ev(3)]);
        await expect(store.append(stream('c'), [ev(4)], { expectedRevision: 1n })).rejects.toMatchObject({ actual: 2n, expected: 1n });
        await expect(store.append(stream('c2'), [ev(4)], { expectedRevision: 0n })).rejects.toMatchObject({ actual: 'no_stream' });
        const r = await store.append(stream('c'), [ev(4)], { expectedRevision: 2n });
        expect(r.nextExpectedRevision).toBe(3n);
      });

      it('any appends whatever the state', async () => {
        expect((await store.append(stream('d'), [ev(1)], { expectedRevision: 'any' })).nextExpectedRevision).toBe(0n);
        expect((await store.append(stream('d'), [ev(2)])).nextExpectedRevision).toBe(1n);
      });

      it('of two writers at the same revision exactly one wins', async () => {
        await store.append(stream('e'), [ev(0)]);
        const results = await Promise.allSettled(
          Array.from({ length: 10 }, (_, i) => store.append(stream('e'), [ev(i + 1)], { expectedRevision: 0n })),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(failures).toHaveLength(9);
        failures.forEach((f) => expect(f.reason).toBeInstanceOf(WrongExpectedRevisionError));
        expect(await store.readStream(stream('e'))).toHaveLength(2);
      });
    });

    describe('reading', () => {
      it('reads a stream forwards and backwards, from a revision, with a limit; revisions are 0-based', async () => {
        await store.append(
          stream('r'),
          [0, 1, 2, 3, 4].map((i) => ev(i)),
        );
        const all = await store.readStream(stream('r'));
        expect(all.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
        expect(all.map((e) => (e.data as { i: number }).i)).toEqual([0, 1, 2, 3, 4]);
        const back = await store.readStream(stream('r'), { direction: 'backwards', maxCount: 2 });
        expect(back.map((e) => e.revision)).toEqual([4n, 3n]);
        const from = await store.readStream(stream('r'), { fromRevision: 2n, maxCount: 2 });
        expect(from.map((e) => e.revision)).toEqual([2n, 3n]);
        const backFrom = await store.readStream(stream('r'), { direction: 'backwards', fromRevision: 1n });
        expect(backFrom.map((e) => e.revision)).toEqual([1n, 0n]);
        expect(await store.readStream(stream('missing'))).toEqual([]);
      });

      it('keeps metadata and sets recordedAt itself', async () => {
        const before = Date.now();
        await store.append(stream('m'), [
          { ...ev(1), metadata: { actor: { sub: 'u1', name: 'Åsa' }, correlationId: 'x', recordedAt: '1999-01-01' } as never },
        ]);
        const [e] = await store.readStream(stream('m'));
        expect(e.metadata.actor).toEqual({ sub: 'u1', name: 'Åsa' });
        expect(e.metadata.correlationId).toBe('x');
        expect(new Date(e.metadata.recordedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
        expect(e.id).toEqual(expect.any(String));
      });

      it('orders readAll by global position in commit order and filters by type and stream prefix', async () => {
        const start = await store.headPosition();
        await store.append(stream('x-1'), [ev(1), { type: 'Other.v1', data: { i: 2 } }]);
        await store.append(stream('y-1'), [ev(3)]);
        await store.append(stream('x-2'), [ev(4)]);
        const all = await store.readAll({ after: start });
        expect(all.map((e) => (e.data as { i: number }).i)).toEqual([1, 2, 3, 4]);
        for (let i = 1; i < all.length; i++) expect(all[i].position > all[i - 1].position).toBe(true);
        const typed = await store.readAll({ after: start, types: ['Other.v1'] });
        expect(typed.map((e) => (e.data as { i: number }).i)).toEqual([2]);
        const prefixed = await store.readAll({ after: start, streamPrefix: stream('x-') });
        expect(prefixed.map((e) => (e.data as { i: number }).i)).toEqual([1, 2, 4]);
        const limited = await store.readAll({ after: all[0].position, limit: 2 });
        expect(limited.map((e) => (e.data as { i: number }).i)).toEqual([2, 3]);
        expect(await store.headPosition()).toBe(all[3].position);
      });

      it('reads the streams of one partition: the partitions of a log are disjoint and make it whole', async () => {
        const start = await store.headPosition();
        const ids = ['p-a', 'p-b', 'p-c', 'p-d', 'p-0', 'p-9'].map(stream);
        for (const id of ids) await store.append(id, [ev(1), ev(2)]);
        const all = await store.readAll({ after: start });
        const parts = [0, 1, 2].map((index) => store.readAll({ after: start, partition: { count: 3, index } }));
        const read = await Promise.all(parts);
        read.forEach((part, index) => {
          expect(part.length).toBeGreaterThan(0);
          for (const e of part) expect(streamPartition(e.streamId, 3)).toBe(index);
        });
        const merged = read.flat().sort((a, b) => (a.position < b.position ? -1 : 1));
        expect(merged.map((e) => e.position)).toEqual(all.map((e) => e.position));
      });

      it('reads lean events (readAll and subscribe) as full ones but for the id and the hashes', async () => {
        const start = await store.headPosition();
        await store.append(stream('lean'), [ev(1), ev(2)]);
        const strip = (e: RecordedEvent) => ({ ...e, id: undefined, hash: undefined, prevHash: undefined });
        const full = await store.readAll({ after: start });
        const lean = await store.readAll({ after: start, lean: true });
        expect(lean.map(strip)).toEqual(full.map(strip));
        const sub = store.subscribe({ after: start, lean: true });
        const seen: RecordedEvent[] = [];
        for await (const e of sub) if (seen.push(e) === 2) break;
        await sub.close();
        expect(seen.map(strip)).toEqual(full.map(strip));
      });

      it('round-trips Swedish text and 1 MB payloads', async () => {
        const text = 'Hägerstens gruppbostäder – åäö ÅÄÖ é ü ß 😀';
        const big = 'å'.repeat(512 * 1024); // 1 MiB of UTF-8
        await store.append(stream('sv'), [{ type: 'Text.v1', data: { text, big } }]);
        const [e] = await store.readStream(stream('sv'));
        expect((e.data as { text: string }).text).toBe(text);
        expect((e.data as { big: string }).big).toBe(big);
      });

      it('stores and reads a 10,000-event stream', async () => {
        const events = Array.from({ length: 10_000 }, (_, i) => ev(i));
        for (let i = 0; i < events.length; i += 1000) await store.append(stream('long'), events.slice(i, i + 1000));
        const read = await store.readStream(stream('long'));
        expect(read).toHaveLength(10_000);
        expect(read[9_999].revision).toBe(9_999n);
        expect(read.every((e, i) => (e.data as { i: number }).i === i)).toBe(true);
      });

      it('keeps stream metadata', async () => {
        expect(await store.getStreamMetadata(stream('meta'))).toBeUndefined();
        await store.setStreamMetadata(stream('meta'), { retention: 'P2Y', note: 'åäö' });
        expect(await store.getStreamMetadata(stream('meta'))).toEqual({ retention: 'P2Y', note: 'åäö' });
      });
    });

    describe('subscription', () => {
      it('catches up and goes live under concurrent appends without gap or duplicate', async () => {
        const s = stream('sub-');
        const start = await store.headPosition();
        for (let i = 0; i < 50; i++) await store.append(`${s}${i % 5}`, [ev(i)]);
        const sub = store.subscribe({ after: start, streamPrefix: s });
        const seen: RecordedEvent[] = [];
        const done = (async () => {
          for await (const e of sub) {
            seen.push(e);
            if (seen.length === 250) break;
          }
        })();
        const writers = Array.from({ length: 5 }, (_, w) =>
          (async () => {
            for (let i = 0; i < 40; i++) await store.append(`${s}${w}`, [ev(1000 + w * 100 + i)]);
          })(),
        );
        await Promise.all(writers);
        await done;
        await sub.close();
        expect(seen).toHaveLength(250);
        expect(new Set(seen.map((e) => e.id)).size).toBe(250);
        for (let i = 1; i < seen.length; i++) expect(seen[i].position > seen[i - 1].position).toBe(true);
        const fromLog = await store.readAll({ after: start, streamPrefix: s });
        expect(seen.map((e) => e.id)).toEqual(fromLog.map((e) => e.id));
      });

      it('hands over from a catch-up of several pages to live, without gap or duplicate', async () => {
        const s = stream('pages-');
        const start = await store.headPosition();
        // 2,500 events behind the subscription: more than two of any adapter's read pages
        for (let b = 0; b < 25; b++)
          await store.append(
            `${s}${b % 3}`,
            Array.from({ length: 100 }, (_, i) => ev(b * 100 + i)),
          );
        const sub = store.subscribe({ after: start, streamPrefix: s });
        const seen: RecordedEvent[] = [];
        const done = (async () => {
          for await (const e of sub) {
            seen.push(e);
            if (seen.length === 2700) break;
          }
        })();
        const writers = Array.from({ length: 4 }, (_, w) =>
          (async () => {
            for (let i = 0; i < 50; i++) await store.append(`${s}live${w}`, [ev(10000 + w * 100 + i)]);
          })(),
        );
        await Promise.all(writers);
        await done;
        await sub.close();
        const fromLog = await store.readAll({ after: start, streamPrefix: s });
        expect(fromLog).toHaveLength(2700);
        expect(seen.map((e) => e.id)).toEqual(fromLog.map((e) => e.id));
      });

      it('resumes after a stored position and filters by type', async () => {
        const start = await store.headPosition();
        await store.append(stream('res'), [ev(1), { type: 'Skip.v1', data: {} }, ev(2), ev(3)]);
        const [first] = await store.readAll({ after: start, limit: 1 });
        const sub = store.subscribe({ after: first.position, types: ['Thing.v1'], streamPrefix: stream('res') });
        const seen: number[] = [];
        for await (const e of sub) {
          seen.push((e.data as { i: number }).i);
          if (seen.length === 2) break;
        }
        await sub.close();
        expect(seen).toEqual([2, 3]);
      });
    });

    describe('upcasting', () => {
      it('upcasts old event versions on readStream, readAll and subscribe, and keeps them as stored', async () => {
        const upcasters = new UpcasterRegistry()
          .register('Thing.v1', (e) => ({ type: 'Thing.v2', data: { ...(e.data as object), unit: 'st' } }))
          .register('Thing.v2', (e) => ({ type: 'Thing.v3', data: { ...(e.data as object), v3: true } }));
        const start = await store.headPosition();
        await store.append(stream('up'), [ev(1), { type: 'Other.v1', data: { x: 1 } }]);
        await store.close();
        store = await open({ upcasters });
        const expected = [
          { type: 'Thing.v3', data: { i: 1, unit: 'st', v3: true } },
          { type: 'Other.v1', data: { x: 1 } },
        ];
        const shape = (es: RecordedEvent[]) => es.map((e) => ({ type: e.type, data: e.data }));
        expect(shape(await store.readStream(stream('up')))).toEqual(expected);
        expect(shape(await store.readAll({ after: start, streamPrefix: stream('up') }))).toEqual(expected);
        const sub = store.subscribe({ after: start, streamPrefix: stream('up') });
        const seen: RecordedEvent[] = [];
        for await (const e of sub) {
          seen.push(e);
          if (seen.length === 2) break;
        }
        await sub.close();
        expect(shape(seen)).toEqual(expected);
        // the record itself is not rewritten: the hash chain still verifies over the stored version
        expect((await verifyEventLog(store)).ok).toBe(true);
      });
    });

    describe('tamper evidence', () => {
      it('chains each event to its predecessor and verifies', async () => {
        await store.append(stream('h'), [ev(1), ev(2)]);
        await store.append(stream('h'), [ev(3)]);
        const events = await store.readStream(stream('h'));
        expect(events[0].prevHash).toBeNull();
        expect(events[1].prevHash).toBe(events[0].hash);
        expect(events[2].prevHash).toBe(events[1].hash);
        const report = await verifyEventLog(store);
        expect(report.ok).toBe(true);
        expect(report.eventsChecked).toBeGreaterThanOrEqual(3);
      });
    });
  });
}
