import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '@app/event-store';
import { AppConfig } from '../config/app-config';
import { REPLAY_RETRY_AFTER_SECONDS, ReplayAbandonedError, ReplayPool, ReplaysBusyError } from './replay-pool';
import { REPLAY_THREAD_KEEP_HEAP_MB } from './replay-threads';

const FIXTURE = join(__dirname, '..', '..', 'test', 'replay-fixture.ts');
const notOnThisThread = () => Promise.reject(new Error('ran on the caller’s thread'));

/** Polls a condition a bounded number of times (no assumption about how long a thread takes to start or stop). */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`never: ${what}`);
}

describe('ReplayPool', () => {
  const dir = mkdtempSync(join(tmpdir(), 'synpunkt-replays-'));
  const release = join(dir, 'release');
  const pool = new ReplayPool({ dataDir: dir, replayConcurrency: 2 } as AppConfig, FIXTURE);
  const store = {} as EventStore;
  afterAll(() => pool.onApplicationShutdown());

  it('runs at most REPLAY_CONCURRENCY threads, queues 4 × that, refuses more and abandons what its request gave up', async () => {
    const asks = Array.from({ length: 10 }, (_, i) => {
      const left = new AbortController();
      const answer = pool.run('hold', notOnThisThread, store, { release, answer: `r${i}` }, left.signal);
      answer.catch(() => undefined); // the abandoned ones are checked below
      return { left, answer };
    });
    await until(() => pool.stats().running === 2 && pool.stats().queued === 8, 'two running, eight waiting');

    const refused = await pool.run('hold', notOnThisThread, store, { release, answer: 'x' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ReplaysBusyError);
    expect((refused as ReplaysBusyError).retryAfterSeconds).toBe(REPLAY_RETRY_AFTER_SECONDS);

    asks[9].left.abort(); // a waiting one leaves the queue
    await expect(asks[9].answer).rejects.toBeInstanceOf(ReplayAbandonedError);
    expect(pool.stats()).toMatchObject({ running: 2, queued: 7 });

    asks[0].left.abort(); // a running one: its thread is terminated, and settles once it has exited
    await expect(asks[0].answer).rejects.toBeInstanceOf(ReplayAbandonedError);
    await until(() => pool.stats().queued === 6, 'the next one took its place');

    writeFileSync(release, '');
    await expect(Promise.all(asks.slice(1, 9).map((a) => a.answer))).resolves.toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8']);
    expect(pool.stats()).toMatchObject({ running: 0, queued: 0, peak: 2 });
    expect(pool.stats().threads).toBeLessThanOrEqual(2); // kept for the next replay, no more than may run at once
  });

  it('keeps a thread for the next replay, up to REPLAY_CONCURRENCY of them', async () => {
    const first = await pool.run('thread', notOnThisThread, store, {});
    await expect(pool.run('thread', notOnThisThread, store, {})).resolves.toBe(first);
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => pool.run<unknown, number>('thread', notOnThisThread, store, {})));
    expect(new Set([a, b, c]).size).toBe(2); // two at a time: the third waited and took a thread the others were done with
    expect(pool.stats()).toMatchObject({ running: 0, queued: 0 });
  });

  it(`ends a thread left with more than ${REPLAY_THREAD_KEEP_HEAP_MB} MB of heap instead of keeping it`, async () => {
    const bloated = await pool.run<unknown, number>('bloat', notOnThisThread, store, {});
    await until(() => pool.stats().threads <= 1, 'the bloated thread has ended');
    await expect(pool.run('thread', notOnThisThread, store, {})).resolves.not.toBe(bloated);
  });

  it('keeps a thread whose replay left only garbage: it is collected before the heap is judged', async () => {
    const littered = await pool.run<unknown, number>('litter', notOnThisThread, store, {});
    await expect(pool.run('thread', notOnThisThread, store, {})).resolves.toBe(littered);
  });

  it('at shutdown refuses what waits, ends what runs, and starts nothing more', async () => {
    const closing = new ReplayPool({ dataDir: dir, replayConcurrency: 1 } as AppConfig, FIXTURE);
    const running = closing.run('hold', notOnThisThread, store, { release: join(dir, 'never'), answer: 'r' });
    const waiting = closing.run('hold', notOnThisThread, store, { release, answer: 'w' }).catch((e: unknown) => e);
    const ran = running.catch((e: unknown) => e);
    await until(() => closing.stats().running === 1 && closing.stats().queued === 1, 'one running, one waiting');
    await closing.onApplicationShutdown();
    expect(await waiting).toBeInstanceOf(ReplaysBusyError);
    expect(await ran).toBeInstanceOf(Error);
    await expect(closing.run('thread', notOnThisThread, store, {})).rejects.toBeInstanceOf(ReplaysBusyError);
    expect(closing.stats()).toMatchObject({ running: 0, queued: 0, threads: 0 });
  });

  it('refuses at once a replay whose request has already gone', async () => {
    const left = new AbortController();
    left.abort();
    await expect(pool.run('hold', notOnThisThread, store, { release, answer: 'x' }, left.signal)).rejects.toThrow();
    expect(pool.stats()).toMatchObject({ running: 0, queued: 0 });
  });

  it('runs the replay on the caller’s thread, under the same bound, without a thread module', async () => {
    const local = new ReplayPool({ dataDir: dir, replayConcurrency: 1 } as AppConfig, null);
    await expect(local.run('any', async (_s, n: number) => n + 1, store, 41)).resolves.toBe(42);
    expect(local.stats()).toEqual({ running: 0, queued: 0, peak: 1, threads: 0 });
  });
});
