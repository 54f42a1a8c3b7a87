import { count, counterProjection, eventually, TestSite } from '../test/fixtures';

describe('ProjectionRunner over a real SQLite log', () => {
  let site: TestSite;
  beforeEach(() => (site = new TestSite()));
  afterEach(() => site.close());

  it('a failing apply keeps the checkpoint before that event, writes nothing of it, and a fixed restart ends exactly-once', async () => {
    const positions = await site.append('case-1', 10);
    const broken = counterProjection('cases');
    broken.failOn.add(7);
    const first = site.open({ batchSize: 4 });
    first.runner.register(broken);
    await first.runner.start();
    await eventually(async () => (await first.runner.status())[0].state === 'failed');

    const [status] = await first.runner.status();
    expect(status).toMatchObject({
      checkpoint: positions[5],
      failedEvent: { position: positions[6], type: 'Counted.v1', streamId: 'case-1' },
      error: expect.stringContaining('refusing n=7'),
    });
    expect(first.readModels.all('SELECT n FROM cases_items ORDER BY n').map((r) => r.n)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(first.readModels.get('SELECT count FROM cases_totals')).toEqual({ count: 6 });
    expect(first.readModels.checkpoints.get('cases')).toMatchObject({ position: positions[5], status: 'failed' });
    expect(first.readModels.checkpoints.get('cases')!.error).toContain(`position ${positions[6]}`);
    await first.runner.stop();
    first.readModels.close();

    const fixed = counterProjection('cases');
    const second = site.open({ batchSize: 4 });
    second.runner.register(fixed);
    await second.runner.start();
    expect(await second.runner.waitFor(positions[9], 10_000)).toBe(true);
    expect(fixed.calls).toBe(4);
    expect(second.readModels.all('SELECT n FROM cases_items ORDER BY n').map((r) => r.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(second.readModels.get('SELECT count FROM cases_totals')).toEqual({ count: 10 });
    expect(second.readModels.checkpoints.get('cases')).toMatchObject({ position: positions[9], error: null });
  });

  it('resumes after a restart from the checkpoint without applying anything twice', async () => {
    await site.append('case-1', 20);
    const first = site.open();
    const p1 = counterProjection('cases');
    first.runner.register(p1);
    await first.runner.start();
    expect(await first.runner.waitFor(await site.store.headPosition(), 10_000)).toBe(true);
    await first.runner.stop();
    first.readModels.close();
    expect(p1.calls).toBe(20);

    const later = await site.append('case-2', 5);
    const second = site.open();
    const p2 = counterProjection('cases');
    second.runner.register(p2);
    await second.runner.start();
    expect(await second.runner.waitFor(later[4], 10_000)).toBe(true);
    expect(p2.calls).toBe(5);
    expect(second.readModels.all('SELECT stream_id, count FROM cases_totals ORDER BY stream_id')).toEqual([
      { stream_id: 'case-1', count: 20 },
      { stream_id: 'case-2', count: 5 },
    ]);
  });

  it('reports a failing projection while the others keep going; restart() retries the same event', async () => {
    const { runner, readModels } = site.open();
    const failing = counterProjection('alpha');
    const healthy = counterProjection('beta');
    failing.failOn.add(3);
    runner.register(failing);
    runner.register(healthy);
    await runner.start();
    const firstBatch = await site.append('case-1', 5);

    expect(await runner.waitFor(firstBatch[4], 10_000, 'beta')).toBe(true);
    expect(await runner.waitFor(firstBatch[4], 10_000)).toBe(false); // alpha failed: no point in waiting
    const more = await site.append('case-1', 5, 6);
    expect(await runner.waitFor(more[4], 10_000, 'beta')).toBe(true);

    const byName = Object.fromEntries((await runner.status()).map((s) => [s.name, s]));
    expect(byName.alpha).toMatchObject({ state: 'failed', checkpoint: firstBatch[1], failedEvent: { position: firstBatch[2] } });
    expect(byName.alpha.position).toBeLessThan(byName.alpha.head);
    expect(byName.beta).toMatchObject({ checkpoint: more[4], lagSeconds: 0, position: more[4] });
    expect(byName.beta.error).toBeUndefined();
    expect(count(readModels, 'alpha_items')).toBe(2);
    expect(count(readModels, 'beta_items')).toBe(10);

    failing.failOn.clear();
    runner.restart('alpha');
    expect(await runner.waitFor(more[4], 10_000)).toBe(true);
    expect(readModels.get('SELECT count FROM alpha_totals')).toEqual({ count: 10 });
    expect((await runner.status()).find((s) => s.name === 'alpha')!.error).toBeUndefined();
  });

  it('waitFor resolves once the position is applied and gives up after the timeout', async () => {
    const { runner } = site.open();
    runner.register(counterProjection('cases'));
    await runner.start();
    const [position] = await site.append('case-1', 1);
    expect(await runner.waitFor(position, 10_000)).toBe(true);

    expect(await runner.waitFor(position + 1n, 50)).toBe(false);
    const waiting = runner.waitFor(position + 1n, 10_000);
    const [next] = await site.append('case-1', 1, 2);
    expect(next).toBe(position + 1n);
    await expect(waiting).resolves.toBe(true);
  });

  it('a filtered projection counts as caught up past events that do not concern it', async () => {
    const { runner } = site.open();
    const units = counterProjection('units', { filter: { streamPrefix: 'unit-' } });
    runner.register(units);
    await runner.start();
    const [unitEvent] = await site.append('unit-1', 1);
    const others = await site.append('case-1', 3);
    expect(await runner.waitFor(others[2], 10_000)).toBe(true);
    const [status] = await runner.status();
    expect(status).toMatchObject({ checkpoint: unitEvent, position: others[2], head: others[2], lagSeconds: 0 });
    expect(units.calls).toBe(1);
  });

  it('status() shows the lag of a runner that has not started, and none once live', async () => {
    await site.append('case-1', 10);
    const units = await site.append('unit-1', 5);
    const { runner } = site.open();
    runner.register(counterProjection('all'));
    runner.register(counterProjection('units', { filter: { streamPrefix: 'unit-' } }));

    const before = Object.fromEntries((await runner.status()).map((s) => [s.name, s]));
    expect(before.all).toMatchObject({ state: 'stopped', checkpoint: 0n, position: 0n, head: units[4] });
    expect(before.units).toMatchObject({ state: 'stopped', position: units[0] - 1n, head: units[4] });

    await runner.start();
    expect(await runner.waitFor(units[4], 10_000)).toBe(true);
    await eventually(async () => (await runner.status()).every((s) => s.state === 'live' && s.position === s.head && s.lagSeconds === 0));
  });

  it('shows a follower a projection the leader keeps live as live at the head, and as stopped once the leader stops', async () => {
    const first = await site.append('case-1', 5);
    const leader = site.open();
    leader.runner.register(counterProjection('cases'));
    await leader.runner.start();
    await eventually(async () => (await leader.runner.status())[0].state === 'live');
    const follower = site.open({ follower: true });
    follower.runner.register(counterProjection('cases'));
    await follower.runner.start();
    // the leader stores 'catching_up' for live (it does not write each flip): at the head the follower says live
    await eventually(async () => (await follower.runner.status())[0].position === first[4]);
    expect((await follower.runner.status())[0]).toMatchObject({ state: 'live', position: first[4], head: first[4] });
    await leader.runner.stop(); // the leader stops (its status: stopped) and the log moves on without it
    await site.append('case-1', 2, 6);
    follower.runner.wake();
    await eventually(async () => (await follower.runner.status())[0].state === 'stopped');
  });
});
