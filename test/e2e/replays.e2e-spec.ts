import pino from 'pino';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ReplayPool } from '@app/platform';
import { startTestApp, TestApp } from '../support/test-app';
import { until as poll } from '../support/until';
import { RELEASE_FILE, SPINNING_FILE } from './replays.spin-thread';

/** The thread module whose replays spin their thread until RELEASE_FILE exists in DATA_DIR (see replays.spin-thread.ts). */
const SPIN_THREAD = join(__dirname, 'replays.spin-thread.ts');

/** Polls a condition with a generous bound (30 s): no assumption about how long a thread takes to start or end. */
const until = (condition: () => boolean, what: string) => poll(what, () => condition() || undefined, 1200);

/**
 * Issue #19 over HTTP, with REPLAY_CONCURRENCY=1 (one replay thread, four waiting): an as-of report runs on a replay
 * thread while intake and /health/live keep answering; one too many is refused with 503 and Retry-After, logged as an
 * error; a request that goes away leaves the queue, or has its thread ended.
 */
describe('as-of replays over HTTP: off the request thread, bounded, abandoned with their request', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'synpunkt-replays-e2e-'));
  const release = join(dataDir, RELEASE_FILE);
  const spinning = join(dataDir, SPINNING_FILE);
  const lines: { level: number; msg?: string; res?: { status?: number } }[] = [];
  let t: TestApp;
  let base: string;
  let pool: ReplayPool;
  let auditor: Record<string, string>;

  const report = (signal?: AbortSignal) =>
    fetch(`${base}/api/reports/yearly?year=2026&asOf=${new Date(Date.now() - 1000).toISOString()}`, { headers: auditor, signal });

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(
          ...chunk
            .toString('utf8')
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l)),
        );
        done();
      },
    });
    t = await startTestApp({ dataDir, env: { REPLAY_CONCURRENCY: '1' }, logger: pino({ level: 'info' }, sink) });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    pool = t.app.get(ReplayPool);
    // The one seam, private: which module the pool's threads load (ReplayThreads.module); none has started yet.
    Object.assign((pool as unknown as { threads: object }).threads, { module: SPIN_THREAD });
    auditor = await t.as('auditor');
    await t.unit('rep');
  });
  beforeEach(() => [release, spinning].forEach((f) => rmSync(f, { force: true })));
  afterEach(async () => {
    writeFileSync(release, '');
    await until(() => pool.stats().running === 0 && pool.stats().queued === 0, 'every replay has ended');
  });
  afterAll(() => t.close());

  it('keeps intake and /health/live answering while a replay keeps its thread busy', async () => {
    const slow = report();
    await until(() => existsSync(spinning), 'the replay spins its thread');

    const intake = await t.as('intake');
    const created = await fetch(`${base}/api/cases`, {
      method: 'POST',
      headers: { ...intake, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'opinion', channel: 'web', unitId: 'rep', description: 'Under en omspelning' }),
    });
    expect(created.status).toBe(201);
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    // Both answered while the replay still spins: it cannot end before the release file exists.
    expect(pool.stats()).toMatchObject({ running: 1, threads: 1 });

    writeFileSync(release, '');
    const answer = await slow;
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ year: 2026 });
  });

  it('folds the auditor’s as-of state on the pool too: it waits for the one thread', async () => {
    const intake = await t.as('intake');
    const created = await t
      .http()
      .post('/api/cases')
      .set(intake)
      .send({ type: 'complaint', channel: 'phone', unitId: 'rep', description: 'Som det var', submitter: { name: 'Eva Ek' } })
      .expect(201);
    const slow = report();
    await until(() => existsSync(spinning), 'the report’s replay spins the one thread');
    const state = fetch(`${base}/api/audit/cases/${created.body.id}?asOf=${new Date().toISOString()}`, { headers: auditor });
    await until(() => pool.stats().queued === 1, 'the as-of state waits its turn');

    writeFileSync(release, '');
    expect((await slow).status).toBe(200);
    const answer = await state;
    expect(answer.status).toBe(200);
    // opened on the request thread after the sealed fold: the auditor reads the text and the submitter
    expect(await answer.json()).toMatchObject({ case: { id: created.body.id, description: 'Som det var', submitter: { name: 'Eva Ek' } } });
  });

  it('refuses one replay too many with 503 problem+json and Retry-After, and logs it as an error', async () => {
    const held = Array.from({ length: 5 }, () => report());
    await until(() => pool.stats().running === 1 && pool.stats().queued === 4, 'one running, four waiting');

    const refused = await report();
    expect(refused.status).toBe(503);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(await refused.json()).toMatchObject({ status: 503, code: 'replays_busy' });
    await until(() => lines.some((l) => l.level === 50 && l.res?.status === 503), 'the 503 is logged at error level');

    writeFileSync(release, '');
    expect((await Promise.all(held)).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
  });

  it('takes a waiting replay out of the queue, and ends a running one’s thread, when their clients go away', async () => {
    const running = new AbortController();
    const waiting = new AbortController();
    const gone = (p: Promise<Response>) => p.catch((err: unknown) => err);
    const first = gone(report(running.signal));
    await until(() => pool.stats().running === 1, 'the first replay is running');
    const second = gone(report(waiting.signal));
    await until(() => pool.stats().queued === 1, 'the second is waiting');

    waiting.abort();
    await until(() => pool.stats().queued === 0, 'the second left the queue');
    expect(pool.stats()).toMatchObject({ running: 1, threads: 1 });

    running.abort(); // its thread spins until the release file exists, which it never will here: only ending it frees the slot
    await until(() => pool.stats().running === 0 && pool.stats().threads === 0, 'the first replay’s thread has ended');
    await Promise.all([first, second]);

    writeFileSync(release, '');
    expect((await report()).status).toBe(200); // a new thread serves the next one
  });
});
