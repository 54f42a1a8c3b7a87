import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueDevToken } from '@app/auth';
import { SqliteEventStore } from '@app/event-store';
import { district } from './district-generator';
import { startApi } from './bench-servers';
import { BenchResult } from './results';

const YEAR = 2025;
/** The issue's load: four yearly reports as of a past instant asked for at once. */
const REPORTS = 4;
/** Replay threads per HTTP process: the default, so reports beyond it wait in the pool's queue. */
const REPLAY_CONCURRENCY = 2;
const BASELINE_MS = 10_000;
/** Gap between /health/live probes: a monitor polls; a tight loop would measure its own load. */
const PROBE_GAP_MS = 20;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const p = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(q * xs.length) - 1)];

/**
 * The generated district written into `dir/events.sqlite`, or the one a previous run left there (BENCH_DISTRICT_DIR keeps
 * it between runs: writing 1M events takes minutes). Returns the instant after the last event: an asOf replays the whole log.
 */
async function districtIn(dir: string, events: number, log: (l: string) => void): Promise<{ asOf: Date; written: number }> {
  const marker = join(dir, 'district.json');
  if (existsSync(marker)) {
    const kept = JSON.parse(readFileSync(marker, 'utf8')) as { asOf: string; written: number; events: number };
    if (kept.events === events) {
      log(`  reusing the district of ${kept.written.toLocaleString('en')} events in ${dir}`);
      return { asOf: new Date(kept.asOf), written: kept.written };
    }
    throw new Error(`${dir} holds a district of ${kept.events} events, not ${events}`);
  }
  const store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
  const started = performance.now();
  let written = 0;
  let inFlight: Promise<unknown>[] = [];
  for (const batch of district(YEAR, events)) {
    inFlight.push(store.append(batch.streamId, batch.events, { expectedRevision: 'no_stream' }));
    written += batch.events.length;
    if (inFlight.length >= 500) inFlight = (await Promise.all(inFlight), []);
  }
  await Promise.all(inFlight);
  await store.close();
  await sleep(5);
  const asOf = new Date();
  writeFileSync(marker, JSON.stringify({ asOf: asOf.toISOString(), written, events }));
  log(`  wrote ${written.toLocaleString('en')} events in ${Math.round(performance.now() - started)} ms`);
  return { asOf, written };
}

/** Probes /health/live one after another until `until` settles, returning each answer's time in ms. */
async function probeLive(base: string, until: Promise<unknown>): Promise<number[]> {
  let done = false;
  void until.finally(() => (done = true));
  const times: number[] = [];
  while (!done) {
    const t = performance.now();
    const res = await fetch(`${base}/health/live`);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`/health/live answered ${res.status}`);
    times.push(performance.now() - t);
    await sleep(PROBE_GAP_MS);
  }
  return times;
}

/**
 * Until no read model is rebuilding or behind the head of the log: the first start builds every read model over the 1M
 * log, and the probe is to measure replays, not that. One that failed is left as it is (and named).
 */
async function waitSettled(base: string, auth: Record<string, string>, log: (l: string) => void): Promise<number> {
  const t = performance.now();
  type Projection = { name: string; state: string; position: number; head: number; error?: string };
  type Report = { checks: { name: string; detail?: { projections?: Projection[] } }[] };
  for (;;) {
    const report = (await fetch(`${base}/api/admin/health`, { headers: auth }).then((r) => r.json())) as Report;
    const projections = report.checks.find((c) => c.name === 'projections')?.detail?.projections ?? [];
    const failed = projections.filter((p) => p.state === 'failed');
    if (projections.length && projections.every((p) => p.state === 'failed' || (p.state !== 'rebuilding' && p.position >= p.head))) {
      for (const p of failed) log(`  (the ${p.name} read model failed: ${p.error})`);
      return performance.now() - t;
    }
    if (performance.now() - t > 30 * 60_000) throw new Error('the read models had not caught up after 30 minutes');
    await sleep(1000);
  }
}

/**
 * api.liveDuringReplay: the app as `npm start` runs it (WORKERS=1 and the projector) on the 1M district; /health/live p99
 * while four `asOf` yearly reports run at once (REPLAY_CONCURRENCY=2: two replay, two wait in the queue), against the
 * same probe with no replay in the same run.
 */
export async function liveDuringReplayBenchmark(
  log: (line: string) => void,
  events = Number(process.env.BENCH_REPORT_EVENTS ?? 1_000_000),
): Promise<BenchResult[]> {
  const kept = process.env.BENCH_DISTRICT_DIR;
  const dir = kept ?? mkdtempSync(join(tmpdir(), 'synpunkt-bench-replay-'));
  if (kept) mkdirSync(kept, { recursive: true });
  try {
    const { asOf, written } = await districtIn(dir, events, log);
    const env = { READY_MAX_LAG: '86400', REPLAY_CONCURRENCY: String(REPLAY_CONCURRENCY) };
    const app = await startApi(dir, env);
    try {
      const base = `http://127.0.0.1:${app.port}`;
      const auth = { authorization: `Bearer ${await issueDevToken({ roles: ['admin'] }, {})}` };
      log(`  every read model had caught up after ${Math.round(await waitSettled(base, auth, log))} ms`);
      const idle = await probeLive(base, sleep(BASELINE_MS));

      const url = `${base}/api/reports/yearly?year=${YEAR}&asOf=${asOf.toISOString()}`;
      const t0 = performance.now();
      const reports = Promise.all(
        Array.from({ length: REPORTS }, async () => {
          const res = await fetch(url, { headers: auth });
          await res.arrayBuffer();
          return { status: res.status, ms: performance.now() - t0, retryAfter: res.headers.get('retry-after') };
        }),
      );
      const busy = await probeLive(base, reports);
      const answers = (await reports).sort((a, b) => a.ms - b.ms);
      const failed = answers.filter((a) => a.status !== 200 && a.status !== 503);
      if (failed.length) throw new Error(`asOf reports answered ${failed.map((a) => a.status).join(', ')}`);
      const refused = answers.filter((a) => a.status === 503).length;
      const queued = answers.length - refused - Math.min(REPLAY_CONCURRENCY, answers.length - refused);
      const over = `${REPORTS - REPLAY_CONCURRENCY} over REPLAY_CONCURRENCY=${REPLAY_CONCURRENCY}: ${queued} queued, ${refused} refused (503)`;
      log(`  ${REPORTS} asOf reports at once, answered ${answers.map((a) => `${a.status} at ${Math.round(a.ms)} ms`).join(', ')}; ${over}`);
      const [pBusy, pIdle] = [p(busy, 0.99), p(idle, 0.99)];
      log(
        `  /health/live: p99 ${pBusy.toFixed(1)} ms (p50 ${p(busy, 0.5).toFixed(1)}, max ${Math.max(...busy).toFixed(1)}, ${busy.length} probes) during the replays;` +
          ` p99 ${pIdle.toFixed(1)} ms (p50 ${p(idle, 0.5).toFixed(1)}, ${idle.length} probes) with none`,
      );
      return [
        {
          name: 'api.liveDuringReplay',
          value: pBusy,
          unit: 'ms',
          baseline: pIdle,
          target: 50,
          events: written,
          reports: REPORTS,
          replayConcurrency: REPLAY_CONCURRENCY,
          queued,
          refused,
          reportsMs: answers.map((a) => Math.round(a.ms)),
          probes: busy.length,
        },
      ];
    } finally {
      await app.stop();
    }
  } finally {
    if (!kept) rmSync(dir, { recursive: true, force: true });
  }
}
