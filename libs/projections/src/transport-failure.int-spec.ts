import { ServiceError } from '@grpc/grpc-js';
import { UnavailableError } from '@eventstore/db-client';
import { RecordedEvent } from '@app/core';
import { EventStore, SubscribeOptions } from '@app/event-store';
import { counterProjection, eventually, TestSite } from '../test/fixtures';

const unavailable = () =>
  new UnavailableError({
    code: 14,
    details: 'No connection established',
    message: '14 UNAVAILABLE: No connection established',
    metadata: { getMap: () => ({}) },
  } as unknown as ServiceError);

describe('a worker that fails on the way to the log', () => {
  let site: TestSite;
  beforeEach(() => (site = new TestSite()));
  afterEach(() => site.close());

  it('is restarted by the runner, after a back-off, as often as it takes; status says why meanwhile', async () => {
    const { runner } = site.open({ restartDelayMs: () => 50 });
    let outage = 3; // the breach link's append meets a cluster without a leader three times
    const seen: number[] = [];
    runner.registerReactor({
      name: 'breach-link',
      async handle(event: RecordedEvent) {
        if (outage-- > 0) throw unavailable();
        seen.push((event.data as { n: number }).n);
      },
    });
    await runner.start();
    const [position] = await site.append('case-1', 1);
    await eventually(async () => !!(await runner.status())[0].retrying);
    expect((await runner.status())[0]).toMatchObject({ state: 'failed', retrying: expect.stringMatching(/restarting in .*UNAVAILABLE/) });
    expect(await runner.waitFor(position, 10_000, 'breach-link').catch(() => false)).toBeDefined();
    await eventually(() => seen.length === 1);
    expect(seen).toEqual([1]);
    await eventually(async () => (await runner.status())[0].state !== 'failed');
    expect((await runner.status())[0].retrying).toBeUndefined();
  });

  it('stays failed on an event it cannot apply: a restart would fail the same way', async () => {
    const { runner } = site.open({ restartDelayMs: () => 10 });
    const broken = counterProjection('cases');
    broken.failOn.add(1);
    runner.register(broken);
    await runner.start();
    await site.append('case-1', 1);
    await eventually(async () => (await runner.status())[0].state === 'failed');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await runner.status())[0]).toMatchObject({ state: 'failed' });
    expect((await runner.status())[0].retrying).toBeUndefined();
  });

  it('passes a subscription’s retry reason on to its status', async () => {
    let report: ((reason: string | undefined) => void) | undefined;
    const store: EventStore = new Proxy(site.store, {
      get(target, key, receiver) {
        if (key === 'subscribe')
          return (options: SubscribeOptions) => {
            report = options.onRetry;
            return target.subscribe(options);
          };
        const value = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const { runner } = site.open({}, store);
    runner.register(counterProjection('cases'));
    await runner.start();
    await eventually(() => !!report);
    report!('resubscribing (attempt 4): unavailable: node restarting');
    expect((await runner.status())[0].retrying).toBe('resubscribing (attempt 4): unavailable: node restarting');
    report!(undefined);
    expect((await runner.status())[0].retrying).toBeUndefined();
  });
});
