import { RecordedEvent } from '@app/core';
import { EventStore, SubscribeOptions } from '@app/event-store';
import { Reactor } from '@app/projections';
import { eventually, TestSite } from '../test/fixtures';

/** Remembers every delivery (including failed attempts); fails once for the listed `n`s. */
function recordingReactor(failOnceOn: number[] = [], onHandle?: (n: number) => void): Reactor & { seen: number[] } {
  const pending = new Set(failOnceOn);
  const reactor = {
    name: 'notifier',
    filter: { types: ['Counted.v1'] },
    seen: [] as number[],
    async handle(event: RecordedEvent) {
      const { n } = event.data as { n: number };
      reactor.seen.push(n);
      onHandle?.(n);
      if (pending.delete(n)) throw new Error(`mail server down for n=${n}`);
    },
  };
  return reactor;
}

describe('reactors', () => {
  let site: TestSite;
  beforeEach(() => (site = new TestSite()));
  afterEach(() => site.close());

  it('stop visibly on failure, keep the checkpoint before the event, and deliver it again on restart', async () => {
    const { runner, readModels } = site.open();
    const reactor = recordingReactor([3]);
    runner.registerReactor(reactor);
    await runner.start();
    const positions = await site.append('case-1', 5);
    await site.store.append('case-1', [{ type: 'Ignored.v1', data: {} }]);

    expect(await runner.waitFor(positions[4], 10_000, 'notifier')).toBe(false);
    expect((await runner.status())[0]).toMatchObject({
      kind: 'reactor',
      state: 'failed',
      checkpoint: positions[1],
      failedEvent: { position: positions[2] },
      error: expect.stringContaining('mail server down for n=3'),
    });
    expect(reactor.seen).toEqual([1, 2, 3]);

    runner.restart('notifier');
    const head = await site.store.headPosition();
    expect(await runner.waitFor(head, 10_000, 'notifier')).toBe(true);
    expect(reactor.seen).toEqual([1, 2, 3, 3, 4, 5]);
    // Ignored.v1 does not pass the filter: the checkpoint stays on the last Counted.v1, yet the reactor counts as caught up.
    expect(readModels.checkpoints.get('notifier')).toMatchObject({
      position: positions[4],
      status: expect.stringMatching(/live|catching_up/),
    });
    expect((await runner.status())[0]).toMatchObject({ position: head, lagSeconds: 0 });
  });

  it('resumes after its checkpoint on restart, and redelivers an event whose checkpoint was never saved', async () => {
    const first = site.open();
    let crashAt = 3;
    const before = recordingReactor([], (n) => {
      if (n === crashAt) first.readModels.close(); // the process "dies" after handle ran, before the checkpoint is saved
    });
    first.runner.registerReactor(before);
    await first.runner.start();
    const positions = await site.append('case-1', 4);
    await eventually(async () => (await first.runner.status())[0].state === 'failed');
    await first.runner.stop();
    expect(before.seen).toEqual([1, 2, 3]);

    crashAt = -1;
    const second = site.open();
    const after = recordingReactor();
    second.runner.registerReactor(after);
    await second.runner.start();
    expect(await second.runner.waitFor(positions[3], 10_000, 'notifier')).toBe(true);
    expect(after.seen).toEqual([3, 4]); // at-least-once: 3 was handled before the crash and is handled again
    expect(second.readModels.checkpoints.get('notifier')!.position).toBe(positions[3]);
  });

  it('read the log with personal data sealed only when they say so', async () => {
    const asked: (boolean | undefined)[] = [];
    const store = new Proxy(site.store, {
      get(target, prop, receiver) {
        if (prop === 'subscribe')
          return (options: SubscribeOptions) => {
            asked.push(options.sealed);
            return target.subscribe(options);
          };
        const value = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as EventStore;
    const { runner } = site.open({}, store);
    runner.registerReactor({ ...recordingReactor(), name: 'plain' });
    runner.registerReactor({ ...recordingReactor(), name: 'ids-only', sealed: true });
    await runner.start();
    await eventually(async () => asked.length === 2);
    expect(asked.sort()).toEqual([false, true]);
  });
});
