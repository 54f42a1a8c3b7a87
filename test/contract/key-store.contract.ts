import { FixedClock } from '@app/core';
import { KeyStore, SubjectKey } from '@app/event-store';

/**
 * `fresh` makes new, empty storage and answers a way to open stores on it: each call opens another store (another
 * connection, as another process or host would) on the same storage.
 */
export type NewKeyStorage = () => Promise<(clock: FixedClock) => Promise<KeyStore>>;

const T0 = new Date('2026-03-01T10:00:00Z');
const keyOf = (found: Map<string, SubjectKey>, subject: string) => found.get(subject)?.key;

/** The behaviour every KeyStore adapter must show. */
export function keyStoreContract(name: string, fresh: NewKeyStorage): void {
  describe(`KeyStore contract: ${name}`, () => {
    let clock: FixedClock;
    let open: (clock: FixedClock) => Promise<KeyStore>;
    let store: KeyStore;
    const opened: KeyStore[] = [];
    const another = async () => {
      const s = await open(clock);
      opened.push(s);
      return s;
    };
    beforeEach(async () => {
      clock = new FixedClock(T0);
      open = await fresh();
      store = await another();
    });
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });

    it('makes one 32-byte key per subject and answers the same key after', async () => {
      const made = await store.ensure(['case-a', 'case-b', 'case-a']);
      const a = keyOf(made, 'case-a')!;
      expect(a).toHaveLength(32);
      expect(keyOf(made, 'case-b')!.equals(a)).toBe(false);
      expect(keyOf(await store.ensure(['case-a']), 'case-a')!.equals(a)).toBe(true);
      expect(keyOf(await store.lookup(['case-a']), 'case-a')!.equals(a)).toBe(true);
    });

    it('answers, in one ensure, the keys it holds, the tombstones and the keys it makes, as a look-up then reads them', async () => {
      const a = keyOf(await store.ensure(['case-a', 'gone']), 'case-a')!;
      await store.shred('gone');
      const found = await store.ensure(['new', 'gone', 'case-a']);
      expect(keyOf(found, 'case-a')!.equals(a)).toBe(true);
      expect(found.get('gone')).toEqual({ shreddedAt: '2026-03-01T10:00:00.000Z' });
      expect(keyOf(found, 'new')).toHaveLength(32);
      expect(await store.lookup(['new', 'gone', 'case-a'])).toEqual(found);
    });

    it('answers a readiness ping while open, and not once closed', async () => {
      expect(await store.ping()).toBe(true);
      await store.close();
      expect(await store.ping()).toBe(false);
    });

    it('leaves out, in a look-up, a subject that never had a key', async () => {
      await store.ensure(['case-a']);
      const found = await store.lookup(['case-a', 'never']);
      expect([...found.keys()]).toEqual(['case-a']);
      expect(await store.lookup([])).toEqual(new Map());
    });

    it('keeps the keys for every store opened on the same storage, and after a close', async () => {
      const a = keyOf(await store.ensure(['case-a']), 'case-a')!;
      await store.close();
      const other = await another();
      expect(keyOf(await other.lookup(['case-a']), 'case-a')!.equals(a)).toBe(true);
      expect(keyOf(await other.ensure(['case-a']), 'case-a')!.equals(a)).toBe(true);
    });

    it('makes one key per subject when stores on the same storage ask for it at the same time', async () => {
      const stores = [store, await another(), await another()];
      const subjects = Array.from({ length: 20 }, (_, i) => `case-${i}`);
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) => stores[i % stores.length].ensure(i % 2 ? subjects : [...subjects].reverse())),
      );
      for (const subject of subjects) {
        const keys = answers.map((found) => keyOf(found, subject)!.toString('hex'));
        expect(new Set(keys).size).toBe(1);
      }
    });

    it('shreds for good: the key is gone, a tombstone keeps its first instant, and the subject never gets a key again', async () => {
      await store.ensure(['case-a', 'case-b']);
      expect(await store.shred('case-a')).toEqual({ subject: 'case-a', shreddedAt: '2026-03-01T10:00:00.000Z' });
      clock.advance(60_000);
      expect((await store.shred('case-a')).shreddedAt).toBe('2026-03-01T10:00:00.000Z');
      expect(await store.lookup(['case-a'])).toEqual(new Map([['case-a', { shreddedAt: '2026-03-01T10:00:00.000Z' }]]));
      const again = await store.ensure(['case-a', 'case-b']);
      expect(again.get('case-a')).toEqual({ shreddedAt: '2026-03-01T10:00:00.000Z' });
      expect(keyOf(again, 'case-b')).toHaveLength(32);
    });

    it('tombstones a subject that never had a key, so none is ever made for it', async () => {
      expect((await store.shred('never-keyed')).shreddedAt).toBe('2026-03-01T10:00:00.000Z');
      expect((await store.ensure(['never-keyed'])).get('never-keyed')).toEqual({ shreddedAt: '2026-03-01T10:00:00.000Z' });
    });

    it('holds an erasure made through one store for every other store on the same storage', async () => {
      const other = await another();
      await store.ensure(['case-a']);
      expect(keyOf(await other.lookup(['case-a']), 'case-a')).toHaveLength(32);
      await store.shred('case-a');
      expect((await other.lookup(['case-a'])).get('case-a')?.key).toBeUndefined();
      expect((await other.ensure(['case-a'])).get('case-a')?.shreddedAt).toBe('2026-03-01T10:00:00.000Z');
    });

    it('never makes a key again when shreds and first seals race', async () => {
      const other = await another();
      const subjects = Array.from({ length: 30 }, (_, i) => `race-${i}`);
      await Promise.all(subjects.flatMap((s, i) => [(i % 2 ? store : other).ensure([s]), (i % 2 ? other : store).shred(s)]));
      const after = await store.ensure(subjects);
      for (const subject of subjects) expect(after.get(subject)).toEqual({ shreddedAt: expect.any(String) });
    });

    it('refuses an empty subject', async () => {
      await expect(store.ensure([''])).rejects.toThrow(TypeError);
      await expect(store.shred(' ')).rejects.toThrow(TypeError);
    });
  });
}
