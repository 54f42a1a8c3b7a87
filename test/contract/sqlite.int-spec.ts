import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import { eventStoreContract, OpenStore } from './event-store.contract';

/** A fresh file per test; reopened with upcasters, the same file. */
function sqlite(groupCommit: boolean): OpenStore {
  let path = '';
  return async (options) => {
    if (!options) path = join(mkdtempSync(join(tmpdir(), 'synpunkt-contract-')), 'events.sqlite');
    return new SqliteEventStore({ path, pollMs: 20, groupCommit, upcasters: options?.upcasters });
  };
}

eventStoreContract('sqlite (file, group commit)', sqlite(true));
eventStoreContract('sqlite (file, one transaction per append)', sqlite(false));

describe('SqliteEventStore reading', () => {
  // Rows share a parsed object while their metadata text is the same. Two appends with the same metadata in one
  // millisecond have the same text (recordedAt included), so only other metadata is sure to get an object of its own.
  it('gives the events of one append one parsed, frozen metadata object, and other metadata its own', async () => {
    const store = await sqlite(true)();
    const metadata = { actor: { sub: 'u1', name: 'Ulla' }, correlationId: 'c-1' };
    await store.append(
      's-1',
      [1, 2, 3].map((n) => ({ type: 'Noted.v1', data: { n }, metadata })),
    );
    await store.append('s-2', [{ type: 'Noted.v1', data: { n: 4 }, metadata: { ...metadata, correlationId: 'c-2' } }]);
    const events = await store.readAll();
    expect(events.map((e) => (e.data as { n: number }).n)).toEqual([1, 2, 3, 4]);
    expect(events[1].metadata).toBe(events[0].metadata);
    expect(events[2].metadata).toBe(events[0].metadata);
    expect(events[3].metadata).not.toBe(events[0].metadata);
    expect(events[3].metadata).toEqual({ ...metadata, correlationId: 'c-2', recordedAt: expect.any(String) });
    expect(Object.isFrozen(events[0].metadata) && Object.isFrozen(events[0].metadata.actor)).toBe(true);
    expect(() => {
      (events[0].metadata as { correlationId: string }).correlationId = 'changed';
    }).toThrow(TypeError);
    await store.close();
  });

  it('leaves the id and the hashes out of a lean read', async () => {
    const store = await sqlite(true)();
    await store.append('s-1', [{ type: 'Noted.v1', data: { n: 1 } }]);
    const [full] = await store.readAll();
    const [lean] = await store.readAll({ lean: true });
    expect(full).toMatchObject({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(lean).toMatchObject({ id: null, hash: null, prevHash: null, position: full.position, revision: 0n, data: { n: 1 } });
    await store.close();
  });

  it('delivers a subscription to one iterator only, and ends it on close while it waits', async () => {
    const store = await sqlite(true)();
    await store.append('s-1', [{ type: 'Noted.v1', data: { n: 1 } }]);
    const sub = store.subscribe({});
    const seen: number[] = [];
    const done = (async () => {
      for await (const e of sub) seen.push((e.data as { n: number }).n);
    })();
    expect(() => sub[Symbol.asyncIterator]()).toThrow(/once/);
    await new Promise((r) => setTimeout(r, 50));
    await sub.close();
    await done;
    expect(seen).toEqual([1]);
    await store.close();
  });
});
