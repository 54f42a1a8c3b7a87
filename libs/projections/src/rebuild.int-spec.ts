import { count, counterProjection, eventually, gatedStore, TestSite } from '../test/fixtures';

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
