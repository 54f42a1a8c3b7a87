import { IdempotencyStore, IdempotencyTimes, IdempotentOutcome } from '@app/platform';

/** `open` gives a fresh, empty store with these times. Every instant is passed in: nothing here waits for the clock. */
export type OpenIdempotencyStore = (times: IdempotencyTimes) => Promise<IdempotencyStore>;

export const TIMES: IdempotencyTimes = { ttlMs: 24 * 3_600_000, leaseMs: 30_000 };
const T0 = Date.parse('2026-03-01T08:00:00Z');
/** The instant `ms` after the test's start. */
export const at = (ms: number) => new Date(T0 + ms);

const created: IdempotentOutcome = { resource: { kind: 'case', id: 'c-1' }, status: 201, revision: 0n, position: 41n };
const SCOPE = 'intake-1 /api/cases';

/** The behaviour every IdempotencyStore adapter must show. */
export function idempotencyStoreContract(name: string, open: OpenIdempotencyStore): void {
  describe(`IdempotencyStore contract: ${name}`, () => {
    let store: IdempotencyStore;
    beforeEach(async () => (store = await open(TIMES)));
    afterEach(() => store.close());

    const claim = async (key = 'k', hash = 'h1', now = at(0)) => {
      const r = await store.reserve(SCOPE, key, hash, now);
      if (r.kind !== 'new') throw new Error(`expected to claim ${key}, got ${r.kind}`);
      return r.token;
    };

    it('answers a readiness ping while open, and not once closed', async () => {
      expect(await store.ping()).toBe(true);
      await store.close();
      expect(await store.ping()).toBe(false);
    });

    it('lets the first request with a key run', async () => {
      expect(await store.reserve(SCOPE, 'k', 'h1', at(0))).toEqual({ kind: 'new', token: expect.any(String) });
    });

    it('answers in_progress to the same key while the first request holds its lease', async () => {
      await claim();
      expect(await store.reserve(SCOPE, 'k', 'h1', at(TIMES.leaseMs - 1))).toEqual({ kind: 'in_progress' });
    });

    it('replays what the first request created, with its status and position', async () => {
      expect(await store.complete(SCOPE, 'k', await claim(), created)).toBe(true);
      expect(await store.reserve(SCOPE, 'k', 'h1', at(1000))).toEqual({ kind: 'replay', outcome: created });
    });

    it('replays a request that created no resource with its status alone', async () => {
      await store.complete(SCOPE, 'k', await claim(), { resource: null, status: 202 });
      expect(await store.reserve(SCOPE, 'k', 'h1', at(1000))).toEqual({ kind: 'replay', outcome: { resource: null, status: 202 } });
    });

    it('refuses the key with another request body, running or done', async () => {
      const token = await claim();
      expect(await store.reserve(SCOPE, 'k', 'h2', at(1))).toEqual({ kind: 'mismatch' });
      await store.complete(SCOPE, 'k', token, created);
      expect(await store.reserve(SCOPE, 'k', 'h2', at(2))).toEqual({ kind: 'mismatch' });
    });

    it('keeps keys apart per caller', async () => {
      await claim();
      expect((await store.reserve('intake-2 /api/cases', 'k', 'h2', at(1))).kind).toBe('new');
    });

    it('frees the key when the request failed, so its retry runs', async () => {
      await store.release(SCOPE, 'k', await claim());
      expect((await store.reserve(SCOPE, 'k', 'h2', at(1))).kind).toBe('new');
    });

    it('lets a retry take over a key whose lease ended (its process died or hung), with a token of its own', async () => {
      const first = await claim();
      const retry = await store.reserve(SCOPE, 'k', 'h1', at(TIMES.leaseMs));
      expect(retry).toEqual({ kind: 'new', token: expect.any(String) });
      expect(retry.kind === 'new' && retry.token).not.toBe(first);
      expect(await store.reserve(SCOPE, 'k', 'h1', at(TIMES.leaseMs + 1))).toEqual({ kind: 'in_progress' });
    });

    it('does not let the first holder overwrite the record after its lease was taken over', async () => {
      const first = await claim();
      const taker = await claim('k', 'h1', at(TIMES.leaseMs));
      const taken: IdempotentOutcome = { ...created, resource: { kind: 'case', id: 'c-2' }, position: 42n };
      expect(await store.complete(SCOPE, 'k', taker, taken)).toBe(true);
      expect(await store.complete(SCOPE, 'k', first, created)).toBe(false);
      expect(await store.reserve(SCOPE, 'k', 'h1', at(TIMES.leaseMs + 1))).toEqual({ kind: 'replay', outcome: taken });
    });

    it('does not let the first holder release a key taken over from it', async () => {
      const first = await claim();
      await claim('k', 'h1', at(TIMES.leaseMs));
      await store.release(SCOPE, 'k', first);
      expect(await store.reserve(SCOPE, 'k', 'h1', at(TIMES.leaseMs + 1))).toEqual({ kind: 'in_progress' });
    });

    it('treats a record past its time to live as absent: the key is new again, with any body', async () => {
      await store.complete(SCOPE, 'k', await claim(), created);
      expect(await store.reserve(SCOPE, 'k', 'h2', at(TIMES.ttlMs - 1))).toEqual({ kind: 'mismatch' });
      expect(await store.reserve(SCOPE, 'k', 'h2', at(TIMES.ttlMs))).toEqual({ kind: 'new', token: expect.any(String) });
    });

    it('purges the records past their time to live and keeps the others', async () => {
      await store.complete(SCOPE, 'old', await claim('old', 'h1', at(0)), created);
      await store.complete(SCOPE, 'young', await claim('young', 'h1', at(60_000)), created);
      expect(await store.purgeExpired(at(TIMES.ttlMs))).toBe(1);
      expect(await store.purgeExpired(at(TIMES.ttlMs))).toBe(0);
      expect((await store.reserve(SCOPE, 'young', 'h1', at(TIMES.ttlMs))).kind).toBe('replay');
    });
  });
}
