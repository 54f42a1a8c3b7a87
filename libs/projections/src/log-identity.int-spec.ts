import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore, ReadAllOptions, SqliteEventStore } from '@app/event-store';
import { ProjectionRunner, Reactor, ReadModelStore } from '@app/projections';
import { counterProjection } from '../test/fixtures';

/** A reactor that notes the streams it saw. */
function reactorLog(name: string) {
  const seen: string[] = [];
  const reactor: Reactor = {
    name,
    handle: async (event) => void (seen.includes(event.streamId) || seen.push(event.streamId)),
  };
  return { reactor, seen };
}

describe('a read-model file pointed at another log', () => {
  const dir = mkdtempSync(join(tmpdir(), 'synpunkt-log-identity-'));
  const open = (name: string) => new SqliteEventStore({ path: join(dir, `${name}.sqlite`), pollMs: 20 });
  const logs: SqliteEventStore[] = [];
  afterAll(() => Promise.all(logs.map((l) => l.close())));

  async function fill(store: EventStore, streamId: string, count: number): Promise<void> {
    for (let n = 1; n <= count; n++) await store.append(streamId, [{ type: 'Counted.v1', data: { n } }]);
  }

  /** Starts a runner over `store` and the shared file, waits for the head, and reports what the read model holds. */
  async function runOver(store: EventStore, file: string, whileRunning?: () => Promise<unknown>) {
    const readModels = new ReadModelStore(join(dir, file));
    const runner = new ProjectionRunner(store, readModels, { waitPollMs: 10 });
    const projection = counterProjection('cases');
    const reacted = reactorLog('notify');
    runner.register(projection);
    runner.registerReactor(reacted.reactor);
    await runner.start();
    await whileRunning?.();
    expect(await runner.waitFor(await store.headPosition(), 10_000, 'notify')).toBe(true);
    expect(await runner.waitFor(await store.headPosition(), 10_000)).toBe(true);
    const rows = readModels.all<{ stream_id: string; n: number }>('SELECT stream_id, n FROM cases_items ORDER BY position');
    await runner.stop();
    readModels.close();
    return { streams: [...new Set(rows.map((r) => r.stream_id))], rows: rows.length, applied: projection.calls, reacted: reacted.seen };
  }

  it('builds anew from the log it is pointed at, reactors included, and not again on the same log', async () => {
    const a = open('a');
    const b = open('b');
    logs.push(a, b);
    await fill(a, 'case-a', 3);
    await fill(b, 'case-b', 5);

    expect(await runOver(a, 'one.sqlite')).toEqual({ streams: ['case-a'], rows: 3, applied: 3, reacted: ['case-a'] });
    expect(await runOver(b, 'one.sqlite')).toEqual({ streams: ['case-b'], rows: 5, applied: 5, reacted: ['case-b'] });
    expect(await runOver(b, 'one.sqlite')).toEqual({ streams: ['case-b'], rows: 5, applied: 0, reacted: [] });
    expect(await runOver(a, 'one.sqlite')).toEqual({ streams: ['case-a'], rows: 3, applied: 3, reacted: ['case-a'] });
  });

  it('waits for a log out of reach at the start, then checks it before any worker reads', async () => {
    const a = open('a3');
    const b = open('b3');
    logs.push(a, b);
    await fill(a, 'case-a', 2);
    await fill(b, 'case-b', 3);
    expect(await runOver(a, 'three.sqlite')).toMatchObject({ streams: ['case-a'] });

    let outage = 2;
    const unavailable = Object.assign(new Error('14 UNAVAILABLE: No connection established'), { type: 'unavailable' });
    const flaky = new Proxy(b, {
      get(target, prop) {
        // the log is out of reach for the runner's first two looks at its first event (status's reads go through)
        const first = (o: ReadAllOptions) => o.raw && !o.lean && o.limit === 1 && o.after === undefined;
        if (prop === 'readAll') return (o: ReadAllOptions) => (first(o) && outage-- > 0 ? Promise.reject(unavailable) : target.readAll(o));
        const value = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const readModels = new ReadModelStore(join(dir, 'three.sqlite'));
    const runner = new ProjectionRunner(flaky, readModels, { restartDelayMs: () => 20 });
    runner.register(counterProjection('cases'));
    await runner.start();
    expect((await runner.status())[0]).toMatchObject({
      state: 'stopped',
      retrying: expect.stringMatching(/waiting .* for the log.*UNAVAILABLE/),
    });
    expect(await runner.waitFor(await b.headPosition(), 10_000)).toBe(true);
    expect(readModels.all('SELECT DISTINCT stream_id FROM cases_items')).toEqual([{ stream_id: 'case-b' }]);
    await runner.stop();
    readModels.close();
  });

  it('records the log once its first event is folded, when it was empty at the start', async () => {
    const empty = open('empty-at-start');
    const b = open('b2');
    logs.push(empty, b);
    await fill(b, 'case-b', 2);

    expect(await runOver(empty, 'two.sqlite', () => fill(empty, 'case-c', 2))).toMatchObject({ streams: ['case-c'], rows: 2 });
    expect(await runOver(b, 'two.sqlite')).toMatchObject({ streams: ['case-b'], rows: 2, applied: 2 });
  });
});
