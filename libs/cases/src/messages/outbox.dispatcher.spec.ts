import { FixedClock } from '@app/core';
import { OutboxDeps, OutboxDispatcher } from './outbox.dispatcher';

/** The dispatcher's looks, with each look held open until the test lets it end: when looks start, not what they send. */
function dispatcherWithHeldLooks() {
  const listeners = new Set<() => void>();
  const deps: OutboxDeps = {
    commands: { execute: () => Promise.reject(new Error('no sends here')) },
    readModels: { all: () => [] },
    store: { readStream: () => Promise.resolve([]) },
    clock: new FixedClock(new Date('2026-03-10T08:00:00Z')),
    compose: () => Promise.reject(new Error('no sends here')),
    pollMs: 3_600_000,
    advances: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
  };
  const dispatcher = new OutboxDispatcher(deps, true);
  const ends: (() => void)[] = [];
  const tick = jest.spyOn(dispatcher, 'tick').mockImplementation(() => new Promise<number>((end) => ends.push(() => end(0))));
  const settle = () => new Promise((r) => setImmediate(r));
  const endLook = async () => {
    ends.shift()?.();
    for (let i = 0; i < 5; i++) await settle();
  };
  const advance = () => listeners.forEach((l) => l());
  return { dispatcher, tick, endLook, advance, listeners, settle };
}

describe('OutboxDispatcher: when it looks for due e-mail', () => {
  afterEach(() => jest.useRealTimers());

  it('folds wakes during a look into exactly one more look after it', async () => {
    const { dispatcher, tick, endLook, settle } = dispatcherWithHeldLooks();
    dispatcher.start();
    void dispatcher.wake();
    await settle();
    expect(tick).toHaveBeenCalledTimes(1);
    void dispatcher.wake();
    void dispatcher.wake();
    void dispatcher.wake();
    await endLook();
    expect(tick).toHaveBeenCalledTimes(2);
    await endLook();
    expect(tick).toHaveBeenCalledTimes(2); // nothing woke it during the second
    await dispatcher.stop();
  });

  it('makes no further look once stopped, even with a wake folded in', async () => {
    const { dispatcher, tick, endLook, settle } = dispatcherWithHeldLooks();
    dispatcher.start();
    void dispatcher.wake();
    await settle();
    void dispatcher.wake(); // folded: one more look would follow
    const stopped = dispatcher.stop();
    await endLook();
    await stopped;
    expect(tick).toHaveBeenCalledTimes(1);
  });

  it('looks once shortly after a burst of moves of the read models, and hears no moves once stopped', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] });
    const { dispatcher, tick, endLook, advance, listeners, settle } = dispatcherWithHeldLooks();
    expect(listeners.size).toBe(0);
    dispatcher.start();
    expect(listeners.size).toBe(1);
    for (let i = 0; i < 10; i++) advance(); // a rebuild's pages, a busy intake
    await settle();
    expect(tick).toHaveBeenCalledTimes(0);
    jest.advanceTimersByTime(30);
    await settle();
    expect(tick).toHaveBeenCalledTimes(1);
    await endLook();
    expect(tick).toHaveBeenCalledTimes(1);

    await dispatcher.stop();
    expect(listeners.size).toBe(0);
    advance();
    jest.advanceTimersByTime(30);
    await settle();
    expect(tick).toHaveBeenCalledTimes(1);
  });
});
