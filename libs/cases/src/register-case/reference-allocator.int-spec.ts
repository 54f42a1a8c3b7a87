import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import { formatReference, ReferenceAllocator } from './reference-allocator';

describe('case references', () => {
  const open = () => new SqliteEventStore({ path: join(mkdtempSync(join(tmpdir(), 'synpunkt-ref-')), 'events.sqlite') });

  it('formats YYYY-NNNNNN', () => {
    expect(formatReference(2026, 42)).toBe('2026-000042');
  });

  it('gives 200 concurrent registrations 200 distinct, gap-free numbers in order of assignment', async () => {
    const store = open();
    const allocator = new ReferenceAllocator(store);
    const refs = await Promise.all(Array.from({ length: 200 }, (_, i) => allocator.allocate(2026, `case-${i}`)));
    expect(new Set(refs).size).toBe(200);
    expect([...refs].sort()).toEqual(Array.from({ length: 200 }, (_, i) => formatReference(2026, i + 1)));
    const log = await store.readStream('reference-2026');
    expect(log.map((e) => (e.data as { caseId: string }).caseId).sort()).toEqual(Array.from({ length: 200 }, (_, i) => `case-${i}`).sort());
    await store.close();
  });

  it('stays gap-free with two allocators (as two processes) racing on one store, and numbers each year apart', async () => {
    const store = open();
    const a = new ReferenceAllocator(store);
    const b = new ReferenceAllocator(store);
    const refs = await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).allocate(i % 10 === 0 ? 2025 : 2026, `c${i}`)));
    const of = (year: number) => refs.filter((r) => r.startsWith(`${year}-`)).sort();
    expect(of(2025)).toEqual(Array.from({ length: 20 }, (_, i) => formatReference(2025, i + 1)));
    expect(of(2026)).toEqual(Array.from({ length: 180 }, (_, i) => formatReference(2026, i + 1)));
    await store.close();
  });

  it('reads the stream only for a revision it does not know: its first batch, and after another process took a number', async () => {
    const store = open();
    const reads = jest.spyOn(store, 'readStream');
    const a = new ReferenceAllocator(store);
    const b = new ReferenceAllocator(store);
    expect(await a.allocate(2026, 'c1')).toBe('2026-000001');
    expect(await a.allocate(2026, 'c2')).toBe('2026-000002');
    expect(reads).toHaveBeenCalledTimes(1);
    expect(await b.allocate(2026, 'c3')).toBe('2026-000003');
    expect(reads).toHaveBeenCalledTimes(2);
    // a's known revision is stale now: its append conflicts, it reads again and takes the next number
    expect(await a.allocate(2026, 'c4')).toBe('2026-000004');
    expect(reads).toHaveBeenCalledTimes(3);
    expect((await store.readStream('reference-2026')).map((e) => (e.data as { caseId: string }).caseId)).toEqual(['c1', 'c2', 'c3', 'c4']);
    await store.close();
  });

  it("gives each reference event its own request's actor and correlation id, also when requests share one append", async () => {
    const store = open();
    const append = jest.spyOn(store, 'append');
    const a = new ReferenceAllocator(store);
    const b = new ReferenceAllocator(store);
    const meta = (i: number) => ({ actor: { sub: `user-${i}` }, correlationId: `corr-${i}`, causationId: `req-${i}` });
    const refs = await Promise.all(
      Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).allocate(i % 10 === 0 ? 2025 : 2026, `c${i}`, meta(i))),
    );
    expect(new Set(refs).size).toBe(200);
    expect(append.mock.calls.length).toBeLessThan(100); // requests arriving together were grouped
    const log = [...(await store.readStream('reference-2025')), ...(await store.readStream('reference-2026'))];
    expect(log).toHaveLength(200);
    for (const e of log) {
      const { caseId, reference } = e.data as { caseId: string; reference: string };
      const i = Number(caseId.slice(1));
      expect(e.metadata).toMatchObject(meta(i));
      expect(refs[i]).toBe(reference);
    }
    await store.close();
  });
});
