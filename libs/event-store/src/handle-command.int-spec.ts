import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decider, DomainEvent, PreconditionFailedError, WrongExpectedRevisionError } from '@app/core';
import { handleCommand } from '@app/core/write';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

/** A counter whose `add` refuses to go past a limit: the decision depends on the state read. */
type Added = DomainEvent<'Added.v1', { n: number }>;
const counter: Decider<number, { add: number; limit: number }, Added> = {
  initialState: () => 0,
  evolve: (total, e) => total + e.data.n,
  decide: (c, total) => {
    if (total + c.add > c.limit) throw new Error(`over the limit: ${total} + ${c.add} > ${c.limit}`);
    return c.add ? [{ type: 'Added.v1', data: { n: c.add } }] : [];
  },
};

describe('handleCommand on the real SQLite store', () => {
  let store: SqliteEventStore;
  beforeEach(() => {
    store = new SqliteEventStore({ path: join(mkdtempSync(join(tmpdir(), 'synpunkt-handle-')), 'events.sqlite'), pollMs: 20 });
  });
  afterEach(() => store.close());

  /** Lets a rival writer append to the stream between this handler's read and its append, `times` times. */
  const interleave = (times: number) => {
    let left = times;
    const read = store.readStream.bind(store);
    jest.spyOn(store, 'readStream').mockImplementation(async (id, options) => {
      const history = await read(id, options);
      if (left-- > 0) await store.append(id, [{ type: 'Added.v1', data: { n: 1 } }]);
      return history;
    });
  };

  it('reads, folds, decides and appends at the revision it read', async () => {
    const first = await handleCommand(store, counter, 'counter-a', { add: 2, limit: 10 });
    expect(first).toMatchObject({ state: 2, revision: 0n });
    const second = await handleCommand(store, counter, 'counter-a', { add: 3, limit: 10 });
    expect(second).toMatchObject({ state: 5, revision: 1n, position: expect.any(BigInt) });
    expect((await store.readStream('counter-a')).map((e) => e.data)).toEqual([{ n: 2 }, { n: 3 }]);
  });

  it('decides on a new stream without reading it, and reads it after all when it turns out to exist', async () => {
    const reads = jest.spyOn(store, 'readStream');
    expect(await handleCommand(store, counter, 'counter-new', { add: 2, limit: 10 }, { newStream: true })).toMatchObject({
      state: 2,
      revision: 0n,
    });
    expect(reads).not.toHaveBeenCalled();
    // the id was not new: the append expecting no stream conflicts, and the retry decides on what is there
    await expect(handleCommand(store, counter, 'counter-new', { add: 9, limit: 10 }, { newStream: true })).rejects.toThrow(
      'over the limit: 2 + 9 > 10',
    );
    expect(reads).toHaveBeenCalledTimes(1);
    expect((await store.readStream('counter-new')).map((e) => e.data)).toEqual([{ n: 2 }]);
  });

  it('writes nothing when the decider decides nothing', async () => {
    await handleCommand(store, counter, 'counter-b', { add: 1, limit: 10 });
    expect(await handleCommand(store, counter, 'counter-b', { add: 0, limit: 10 })).toEqual({ state: 1, events: [], revision: 0n });
  });

  it('retries a lost race against the new state, a bounded number of times', async () => {
    await handleCommand(store, counter, 'counter-c', { add: 1, limit: 10 });
    interleave(3);
    const result = await handleCommand(store, counter, 'counter-c', { add: 2, limit: 10 });
    // three rival appends of 1 won, then ours went in on top of them
    expect(result.state).toBe(6);
    expect((await store.readStream('counter-c')).map((e) => e.data)).toEqual([{ n: 1 }, { n: 1 }, { n: 1 }, { n: 1 }, { n: 2 }]);
  });

  it('decides again on the state that won: a rule broken by the rival is refused, not overwritten', async () => {
    await handleCommand(store, counter, 'counter-d', { add: 8, limit: 10 });
    interleave(1);
    await expect(handleCommand(store, counter, 'counter-d', { add: 2, limit: 10 })).rejects.toThrow('over the limit: 9 + 2 > 10');
  });

  it('gives up with the conflict after maxRetries', async () => {
    interleave(10);
    await expect(handleCommand(store, counter, 'counter-e', { add: 1, limit: 100 }, { maxRetries: 2 })).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    expect(await store.readStream('counter-e')).toHaveLength(3);
  });

  it('turns a stale client revision into a 412 without retrying', async () => {
    await handleCommand(store, counter, 'counter-f', { add: 1, limit: 10 });
    await handleCommand(store, counter, 'counter-f', { add: 1, limit: 10 });
    const stale = handleCommand(store, counter, 'counter-f', { add: 1, limit: 10 }, { expectedRevision: 0n });
    await expect(stale).rejects.toBeInstanceOf(PreconditionFailedError);
    await expect(stale).rejects.toMatchObject({ status: 412, expected: 0n, actual: 1n });
    interleave(1);
    const raced = handleCommand(store, counter, 'counter-f', { add: 1, limit: 10 }, { expectedRevision: 1n });
    await expect(raced).rejects.toMatchObject({ status: 412, expected: 1n, actual: 2n });
    expect(await store.readStream('counter-f')).toHaveLength(3);
  });
});
