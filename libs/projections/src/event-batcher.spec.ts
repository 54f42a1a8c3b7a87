import { RecordedEvent } from '@app/core';
import { EventBatcher } from './event-batcher';

const event = (position: number) => ({ position: BigInt(position) }) as RecordedEvent;

/** A source that yields the given bursts, waiting for `release()` between them. */
function bursts(...groups: number[][]) {
  const releases: (() => void)[] = [];
  async function* source() {
    for (const [i, group] of groups.entries()) {
      if (i > 0) await new Promise<void>((resolve) => releases.push(resolve));
      for (const p of group) yield event(p);
    }
  }
  return { source: source(), release: () => releases.shift()?.() };
}

const positions = (events: RecordedEvent[] | undefined) => events?.map((e) => Number(e.position));

describe('EventBatcher', () => {
  it('takes what is at hand, up to the maximum, without waiting for more', async () => {
    const { source, release } = bursts([1, 2, 3, 4, 5], [6, 7]);
    const batcher = new EventBatcher(source, 3);
    expect(positions(await batcher.next())).toEqual([1, 2, 3]);
    expect(positions(await batcher.next())).toEqual([4, 5]);
    const idle = jest.fn();
    const next = batcher.next(idle);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(idle).toHaveBeenCalledTimes(1);
    release();
    expect(positions(await next)).toEqual([6, 7]);
    expect(await batcher.next()).toBeUndefined();
    expect(await batcher.next()).toBeUndefined();
  });

  it('passes on an error of the source', async () => {
    async function* failing() {
      yield event(1);
      throw new Error('connection lost');
    }
    const batcher = new EventBatcher(failing(), 10);
    expect(positions(await batcher.next())).toEqual([1]);
    await expect(batcher.next()).rejects.toThrow('connection lost');
  });
});
