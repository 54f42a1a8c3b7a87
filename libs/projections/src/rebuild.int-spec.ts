import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { count, counterProjection, eventually, gatedStore, summingProjection, TestSite } from '../test/fixtures';
import { CounterSourceData } from '../test/rebuild-source.fixture';
import { FakeEsdbClient } from '../../event-store/test/fake-esdb-client';
import { EsdbEventStore } from '../../event-store/src/esdb/esdb-event-store';
import { ProjectionRunnerOptions } from './projection-runner';
import { ReadModelStore } from './read-model-store';

const tables = (db: { all<T>(sql: string): T[] }) =>
  db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'cases%' ORDER BY name").map((r) => r.name);

describe('rebuilding a projection into a new generation', () => {
  let site: TestSite;
  beforeEach(() => (site = new TestSite()));
  afterEach(() => site.close());

  it('keeps serving and updating the old generation until the swap; the view name stays; nothing appended meanwhile is lost', async () => {
    await site.append('case-1', 50);
    const gated = gatedStore(site.store, 2); // the first rebuild page goes through, the second waits
    const { runner, readModels } = site.open({ rebuildPageSize: 10 }, gated.store);
    runner.register(counterProjection('cases'));
    await runner.start();
    expect(await runner.waitFor(await site.store.headPosition(), 10_000)).toBe(true);

    const rebuilt = runner.rebuild('cases');
    await gated.held;
    expect((await runner.status())[0]).toMatchObject({ state: 'rebuilding', generation: 1, rebuild: { generation: 2 } });
    expect(count(readModels, 'cases_items__g2')).toBe(10);
    const during = await site.append('case-1', 5, 51);
    expect(await runner.waitFor(during[4], 10_000)).toBe(true);
    expect(readModels.all('SELECT DISTINCT written_into AS t FROM cases_items')).toEqual([{ t: 'cases_items__g1' }]);
    expect(count(readModels, 'cases_items')).toBe(55);

    gated.open();
    const racing = site.append('case-1', 5, 56); // lands before, during or after the swap
    await rebuilt;
    const last = (await racing).pop()!;
    expect(await runner.waitFor(last, 10_000)).toBe(true);
    expect(readModels.all('SELECT DISTINCT written_into AS t FROM cases_items')).toEqual([{ t: 'cases_items__g2' }]);
    expect(readModels.all<{ n: number }>('SELECT n FROM cases_items ORDER BY n').map((r) => r.n)).toEqual(
      Array.from({ length: 60 }, (_, i) => i + 1),
    );
    expect(readModels.get('SELECT count FROM cases_totals')).toEqual({ count: 60 });
    // the old generation goes once the rebuild's checkpoint is done
    await readModels.settled;
    expect(tables(readModels)).toEqual(['cases_items__g2', 'cases_totals__g2']);
    expect(readModels.checkpoints.get('cases')).toMatchObject({ generation: 2, version: 1, position: last });
    await eventually(async () => (await runner.status())[0].state === 'live');
  });

  it('catches the new generation up with what was appended after its first pass, before the swap', async () => {
    await site.append('case-1', 20);
    let late: bigint[] = [];
    const gated = gatedStore(site.store, Infinity, async () => (late = await site.append('case-1', 5, 21)));
    const { runner, readModels } = site.open({ rebuildPageSize: 7 }, gated.store);
    runner.register(counterProjection('cases'));
    await runner.start();
    expect(await runner.waitFor(await site.store.headPosition(), 10_000)).toBe(true);

    await runner.rebuild('cases');
    expect(late).toHaveLength(5);
    // Caught up before the swap: the view does not step back behind what the old generation already showed.
    expect(readModels.get('SELECT count(*) AS c, min(written_into) AS t FROM cases_items')).toEqual({ c: 25, t: 'cases_items__g2' });
    expect(readModels.checkpoints.get('cases')!.position).toBe(late[4]);
    expect(await runner.waitFor(late[4], 10_000)).toBe(true);
    expect(readModels.get('SELECT count FROM cases_totals')).toEqual({ count: 25 });
  });

  it('a version bump rebuilds at start: the old version serves until the new one is complete', async () => {
    const head = (await site.append('case-1', 30)).pop()!;
    const v1 = site.open();
    v1.runner.register(counterProjection('cases', { label: 'v1' }));
    await v1.runner.start();
    expect(await v1.runner.waitFor(head, 10_000)).toBe(true);
    await v1.runner.stop();
    v1.readModels.close();

    const gated = gatedStore(site.store, 2);
    const v2 = site.open({ rebuildPageSize: 10 }, gated.store);
    const projection = counterProjection('cases', { version: 2, label: 'v2' });
    v2.runner.register(projection);
    await v2.runner.start();
    await gated.held;
    expect((await v2.runner.status())[0]).toMatchObject({ state: 'rebuilding', version: 1, generation: 1, rebuild: { generation: 2 } });
    expect(await v2.runner.waitFor(head, 20)).toBe(false); // the view still shows what v1 built
    expect(v2.readModels.all('SELECT DISTINCT label FROM cases_items')).toEqual([{ label: 'v1' }]);

    gated.open();
    expect(await v2.runner.waitFor(head, 10_000)).toBe(true);
    expect(v2.readModels.all('SELECT DISTINCT label, written_into FROM cases_items')).toEqual([
      { label: 'v2', written_into: 'cases_items__g2' },
    ]);
    expect(count(v2.readModels, 'cases_items')).toBe(30);
    expect(projection.calls).toBe(30);
    expect(v2.readModels.checkpoints.get('cases')).toMatchObject({ version: 2, generation: 2, position: head });
    await v2.readModels.settled;
    expect(tables(v2.readModels)).toEqual(['cases_items__g2', 'cases_totals__g2']);
  });

  it('a rebuild that fails leaves the live generation serving and removes the half-built tables', async () => {
    await site.append('case-1', 5);
    const { runner, readModels } = site.open();
    const projection = counterProjection('cases');
    runner.register(projection);
    await runner.start();
    expect(await runner.waitFor(await site.store.headPosition(), 10_000)).toBe(true);

    projection.failOn.add(4);
    await expect(runner.rebuild('cases')).rejects.toThrow(/refusing n=4/);
    expect(tables(readModels)).toEqual(['cases_items__g1', 'cases_totals__g1']);
    projection.failOn.clear();
    const [next] = await site.append('case-1', 1, 6);
    expect(await runner.waitFor(next, 10_000)).toBe(true);
    expect(readModels.get('SELECT count FROM cases_totals')).toEqual({ count: 6 });
  });

  it('a failed upgrade is reported and the old generation keeps serving', async () => {
    const head = (await site.append('case-1', 3)).pop()!;
    const v1 = site.open();
    v1.runner.register(counterProjection('cases'));
    await v1.runner.start();
    expect(await v1.runner.waitFor(head, 10_000)).toBe(true);
    await v1.runner.stop();

    const v2 = site.open();
    const broken = counterProjection('cases', { version: 2 });
    broken.failOn.add(2);
    v2.runner.register(broken);
    await v2.runner.start();
    await eventually(async () => (await v2.runner.status())[0].state === 'failed');
    expect((await v2.runner.status())[0]).toMatchObject({ version: 1, generation: 1, failedEvent: { type: 'Counted.v1' } });
    expect(count(v2.readModels, 'cases_items')).toBe(3);
    expect(tables(v2.readModels)).toEqual(['cases_items__g1', 'cases_totals__g1']);
  });

  it('holds WAL checkpoints back while it writes, then checkpoints once on a thread of its own before the usual checkpoints resume', async () => {
    await site.append('case-1', 30);
    const gated = gatedStore(site.store, 2);
    const { runner, readModels } = site.open({ rebuildPageSize: 10 }, gated.store);
    runner.register(counterProjection('cases'));
    await runner.start();
    expect(await runner.waitFor(await site.store.headPosition(), 10_000)).toBe(true);
    const autocheckpoint = () => readModels.db.pragma('wal_autocheckpoint', { simple: true });
    expect(autocheckpoint()).toBe(1000);
    const rebuilt = runner.rebuild('cases');
    await gated.held;
    expect(autocheckpoint()).toBe(100_000);
    gated.open();
    await rebuilt;
    // until the thread's checkpoint is done, a commit here would otherwise copy the whole log itself
    expect(autocheckpoint()).toBe(100_000);
    expect(await readModels.settled).toBeGreaterThan(0);
    expect(autocheckpoint()).toBe(1000);
  });

  it('drops the swapped-out generation once the checkpoint that follows the rebuild is done', async () => {
    await site.append('case-1', 30);
    const { runner, readModels } = site.open({ rebuildPageSize: 10 });
    runner.register(counterProjection('cases'));
    await runner.start();
    expect(await runner.waitFor(await site.store.headPosition(), 10_000)).toBe(true);
    await runner.rebuild('cases');
    // readers are on generation 2 at once; generation 1 waits for the checkpoint, which makes dropping it cheap
    expect(readModels.get('SELECT min(written_into) AS t FROM cases_items')).toEqual({ t: 'cases_items__g2' });
    expect(tables(readModels)).toEqual(['cases_items__g1', 'cases_items__g2', 'cases_totals__g1', 'cases_totals__g2']);
    await readModels.settled;
    expect(tables(readModels)).toEqual(['cases_items__g2', 'cases_totals__g2']);
  });

  it('drops tables left behind by an interrupted rebuild', async () => {
    const first = site.open();
    first.runner.register(counterProjection('cases'));
    await first.runner.start();
    await first.runner.stop();
    first.readModels.db.exec('CREATE TABLE cases_items__g2 (x); CREATE TABLE cases_totals__g2 (x)');
    first.readModels.close();

    const second = site.open();
    second.runner.register(counterProjection('cases'));
    await second.runner.start();
    expect(tables(second.readModels)).toEqual(['cases_items__g1', 'cases_totals__g1']);
  });
});

describe('rebuilding every projection from one scan', () => {
  let site: TestSite;
  beforeEach(() => (site = new TestSite()));
  afterEach(() => site.close());

  it('reads the log once, gives each projection exactly its filtered events, swaps each in and goes on live', async () => {
    await site.append('case-1', 30);
    await site.append('unit-1', 12);
    const reads: (string | string[] | undefined)[] = [];
    const counting = new Proxy(site.store, {
      get(target, prop, receiver) {
        if (prop === 'readAll') {
          return (options: { streamPrefix?: string | string[] } = {}) => {
            reads.push(options.streamPrefix);
            return target.readAll(options);
          };
        }
        const v = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    const { runner, readModels } = site.open({ rebuildPageSize: 10 }, counting);
    runner.register(counterProjection('cases', { filter: { streamPrefix: 'case-' } }));
    runner.register(counterProjection('units', { filter: { streamPrefix: 'unit-' } }));
    await runner.start();
    expect(await runner.waitFor(await site.store.headPosition(), 10_000)).toBe(true);

    reads.length = 0;
    await runner.rebuildAll();
    // one unfiltered pass over the 42 events: five pages of 10 and the empty read that ends it; then each
    // projection's own catch-up read, through its filter, after its worker has stopped
    expect(reads.filter((p) => p === undefined)).toHaveLength(6);
    expect(reads.filter((p) => p !== undefined).sort()).toEqual(['case-', 'unit-']);
    expect(readModels.get('SELECT count FROM cases_totals')).toEqual({ count: 30 });
    expect(readModels.get('SELECT count FROM units_totals')).toEqual({ count: 12 });
    expect(readModels.all('SELECT DISTINCT written_into AS t FROM units_items')).toEqual([{ t: 'units_items__g2' }]);
    expect(readModels.checkpoints.get('cases')).toMatchObject({ generation: 2 });
    const later = await site.append('unit-1', 1, 13);
    expect(await runner.waitFor(later[0], 10_000)).toBe(true);
    expect(readModels.get('SELECT count FROM units_totals')).toEqual({ count: 13 });
  });
});

describe('rebuilding every projection over threads', () => {
  let site: TestSite;
  beforeEach(() => (site = new TestSite()));
  afterEach(() => site.close());

  const specs = [{ name: 'cases', streamPrefix: 'case-' }, { name: 'units', streamPrefix: 'unit-' }, { name: 'all' }];
  const threaded = (data: Partial<CounterSourceData> = {}) => ({
    count: 1,
    module: join(__dirname, '../test/rebuild-source.fixture.ts'),
    data: { eventsPath: join(site.dir, 'events.sqlite'), projections: specs, ...data },
    minEvents: 0,
  });
  const openWith = async (options: ProjectionRunnerOptions) => {
    const opened = site.open({ rebuildPageSize: 10, ...options });
    const projections = specs.map((s) =>
      counterProjection(s.name, { filter: s.streamPrefix ? { streamPrefix: s.streamPrefix } : undefined }),
    );
    projections.forEach((p) => opened.runner.register(p));
    await opened.runner.start();
    expect(await opened.runner.waitFor(await site.store.headPosition(), 10_000)).toBe(true);
    return { ...opened, projections };
  };
  const rows = (readModels: ReadModelStore) =>
    specs.map((s) => ({
      items: readModels.all(`SELECT position, stream_id, n, written_into FROM ${s.name}_items ORDER BY position`),
      totals: readModels.all(`SELECT * FROM ${s.name}_totals ORDER BY stream_id`),
    }));

  it('builds the same tables as one thread, the heaviest share in a thread of its own, and removes its scratch file', async () => {
    await site.append('case-1', 40);
    await site.append('unit-1', 25);
    await site.append('case-2', 15);
    const { runner, readModels, projections } = await openWith({ threads: threaded() });
    projections.forEach((p) => (p.calls = 0));

    const rebuilt = runner.rebuildAll();
    const late = await site.append('unit-1', 3, 26); // after the threads' scan began: caught up before the swap
    await rebuilt;
    expect(await runner.waitFor(late[2], 10_000)).toBe(true);
    // shareOut kept one share (of three projections, cost 1 each) on this thread; this thread applied the others only
    // the three late events (live to the old generation, then in the catch-up before the swap)
    const sizes = [55, 28, 83];
    expect(projections.filter((p, i) => p.calls >= sizes[i])).toHaveLength(1);
    expect(projections.filter((p) => p.calls <= 6)).toHaveLength(2);
    // generation 2 came from the first start (a new projection over a log of minEvents or more is built by a rebuild)
    expect(readModels.all('SELECT DISTINCT written_into AS t FROM all_items')).toEqual([{ t: 'all_items__g3' }]);
    expect(readModels.get('SELECT count(*) AS c FROM all_items')).toEqual({ c: 83 });
    expect(readdirSync(site.dir).filter((f) => f.includes('.rebuild-'))).toEqual([]);

    const threadedRows = rows(readModels);
    await runner.stop();
    const single = await openWith({});
    await single.runner.rebuildAll();
    expect(rows(single.readModels).map((r) => r.totals)).toEqual(threadedRows.map((r) => r.totals));
    expect(rows(single.readModels).map((r) => r.items.map((i) => ({ ...i, written_into: 'x' })))).toEqual(
      threadedRows.map((r) => r.items.map((i) => ({ ...i, written_into: 'x' }))),
    );
  });

  it('a projection failing in a thread fails the whole rebuild, names the event, and leaves every old generation serving', async () => {
    await site.append('case-1', 20);
    await site.append('unit-1', 20);
    const failing = specs.map((s) => ({ ...s, failOn: [7] }));
    const { runner, readModels } = await openWith({ threads: threaded({ projections: failing }) });
    await expect(runner.rebuildAll()).rejects.toThrow(/refusing n=7 \(at position \d+, Counted\.v1 in (case|unit)-1\)/);
    for (const s of specs) expect(readModels.checkpoints.get(s.name)).toMatchObject({ generation: 1 });
    const names = readModels.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%__g2'");
    expect(names).toEqual([]);
    expect(readdirSync(site.dir).filter((f) => f.includes('.rebuild-'))).toEqual([]);
    const [next] = await site.append('unit-1', 1, 21);
    expect(await runner.waitFor(next, 10_000)).toBe(true);
    expect(readModels.get('SELECT count FROM units_totals')).toEqual({ count: 21 });
  });

  it('stays on its own thread for a log shorter than minEvents', async () => {
    await site.append('case-1', 10);
    const { runner, projections } = await openWith({ threads: { ...threaded(), minEvents: 1000 } });
    projections.forEach((p) => (p.calls = 0));
    await runner.rebuildAll();
    expect(projections.map((p) => p.calls)).toEqual([10, 0, 10]);
  });

  it('counts the events against minEvents: on KurrentDB the head position is a byte offset', async () => {
    const fake = new FakeEsdbClient();
    fake.write('$epochs', '$epoch-information', {}); // as on a server, a system record holds position 0
    const kurrent = new EsdbEventStore(fake.asClient());
    for (let n = 1; n <= 10; n++) await kurrent.append('case-1', [{ type: 'Counted.v1', data: { n } }]);
    expect(await kurrent.headPosition()).toBeGreaterThan(1000n);
    // a thread would fail: its source names a log that cannot be opened
    const threads = { ...threaded({ eventsPath: join(site.dir, 'no-such-dir', 'events.sqlite') }), minEvents: 1000 };
    const { runner } = site.open({ rebuildPageSize: 10, threads }, kurrent);
    const projections = specs.map((s) =>
      counterProjection(s.name, { filter: s.streamPrefix ? { streamPrefix: s.streamPrefix } : undefined }),
    );
    projections.forEach((p) => runner.register(p));
    await runner.start();
    expect(await runner.waitFor(await kurrent.headPosition(), 10_000)).toBe(true);
    projections.forEach((p) => (p.calls = 0));
    await runner.rebuildAll();
    expect(projections.map((p) => p.calls)).toEqual([10, 0, 10]);
    await runner.stop();
  });
});

/** Rebuild threads whose source (the test fixture) builds these summing projections over the site's log. */
const summingThreads = (site: TestSite, summing: { name: string; sums: boolean }[], minEvents = 0) => ({
  count: 1,
  module: join(__dirname, '../test/rebuild-source.fixture.ts'),
  data: { eventsPath: join(site.dir, 'events.sqlite'), projections: [], summing },
  minEvents,
});

describe('rebuilding partitioned projections over threads, by stream', () => {
  let site: TestSite;
  beforeEach(() => (site = new TestSite()));
  afterEach(() => site.close());

  const threads = (summing: { name: string; sums: boolean }[]) => summingThreads(site, summing);
  const fill = async () => {
    // stream ids ending in 1 and 3 (character codes 49, 51: partition 1 of 2) and in 2 (50: partition 0)
    for (const [id, n] of [
      ['s-1', 30],
      ['s-2', 20],
      ['s-3', 12],
      ['t-2', 5],
    ] as const)
      await site.append(id, n);
  };

  it('each thread folds every projection over its streams; rows add up where the projection says they do', async () => {
    await fill();
    const opened = site.open({ rebuildPageSize: 7, threads: threads([{ name: 'sum', sums: true }]) });
    const projection = summingProjection('sum', true);
    let calls = 0;
    opened.runner.register({ ...projection, apply: (tx, e) => (calls++, projection.apply(tx, e)) });
    await opened.runner.start();
    expect(await opened.runner.waitFor(await site.store.headPosition(), 10_000)).toBe(true);
    calls = 0;
    const rebuilt = opened.runner.rebuildAll();
    const late = await site.append('s-3', 2, 13); // partition 1, after the head the shares fold to: caught up here
    await rebuilt;
    expect(await opened.runner.waitFor(late[1], 10_000)).toBe(true);
    expect(opened.readModels.get('SELECT n FROM sum_total')).toEqual({ n: 69 });
    expect(opened.readModels.all('SELECT id, n FROM sum_streams ORDER BY id')).toEqual([
      { id: 's-1', n: 30 },
      { id: 's-2', n: 20 },
      { id: 's-3', n: 14 },
      { id: 't-2', n: 5 },
    ]);
    // this thread applied partition 0 (s-2, t-2: 25 events) and the two late ones (live, then in the catch-up)
    expect(calls).toBeLessThanOrEqual(25 + 4);
    expect(calls).toBeGreaterThanOrEqual(25);
    expect(opened.readModels.checkpoints.get('sum')).toMatchObject({ generation: 3 }); // 2: built at the first start
  });
});

describe('building new projections at the first start over a long log', () => {
  let site: TestSite;
  beforeEach(() => (site = new TestSite()));
  afterEach(() => site.close());

  const threads = (summing: { name: string; sums: boolean }[], minEvents = 0) => summingThreads(site, summing, minEvents);
  beforeEach(async () => {
    await site.append('s-1', 30);
    await site.append('s-2', 20);
  });

  it('builds them by one rebuild over threads, readers waiting for the swap, then goes on live', async () => {
    const { runner, readModels } = site.open({ threads: threads([{ name: 'sum', sums: true }]) });
    const projection = summingProjection('sum', true);
    let calls = 0;
    runner.register({ ...projection, apply: (tx, e) => (calls++, projection.apply(tx, e)) });
    await runner.start();
    const head = await site.store.headPosition();
    expect(await runner.waitFor(head, 10_000)).toBe(true);
    expect(readModels.checkpoints.get('sum')).toMatchObject({ generation: 2, position: head });
    expect(calls).toBe(20); // partition 0 here (s-2); s-1 in the thread
    expect(readModels.get('SELECT n FROM sum_total')).toEqual({ n: 50 });
    const [next] = await site.append('s-1', 1, 31);
    expect(await runner.waitFor(next, 10_000)).toBe(true);
    expect(readModels.get('SELECT n FROM sum_total')).toEqual({ n: 51 });
  });

  it('catches each up on its own when that rebuild fails, and below minEvents', async () => {
    // the thread's projection does not say its totals add up: the merge fails, then the live path builds it
    const failing = site.open({ threads: threads([{ name: 'sum', sums: false }]) });
    failing.runner.register(summingProjection('sum', false));
    await failing.runner.start();
    const head = await site.store.headPosition();
    expect(await failing.runner.waitFor(head, 10_000)).toBe(true);
    expect(failing.readModels.checkpoints.get('sum')).toMatchObject({ generation: 1, position: head });
    expect(failing.readModels.get('SELECT n FROM sum_total')).toEqual({ n: 50 });
    await failing.runner.stop();

    const short = site.open({ threads: threads([{ name: 'more', sums: true }], 1000) });
    short.runner.register(summingProjection('more', true));
    await short.runner.start();
    expect((await short.runner.status())[0].state).not.toBe('rebuilding');
    expect(await short.runner.waitFor(head, 10_000)).toBe(true);
    expect(short.readModels.checkpoints.get('more')).toMatchObject({ generation: 1 });
  });
});
