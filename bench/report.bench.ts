import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueDevToken } from '@app/auth';
import { SqliteEventStore } from '@app/event-store';
import { replayReportFacts } from '@app/follow-up/projections';
import { loadConfig, ProjectionsHost } from '@app/platform';
import { createApp } from '../apps/api/src/create-app';
import { district } from './district-generator';
import { BenchResult, median } from './results';

const YEAR = 2025;

/** Peak resident memory while `work` runs, sampled every 20 ms. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; rssMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, rssMb: Math.round(peak / 1024 / 1024) };
  } finally {
    clearInterval(timer);
  }
}

/** projection.rebuild is the median of this many, like the report figures: one run on this shared machine varies by ±20%. */
const REBUILDS = 3;

async function fill(path: string, events: number, log: (l: string) => void): Promise<{ asOf: Date; written: number }> {
  const store = new SqliteEventStore({ path });
  const started = performance.now();
  let written = 0;
  let asOf: Date | undefined;
  let inFlight: Promise<unknown>[] = [];
  for (const batch of district(YEAR, events)) {
    inFlight.push(store.append(batch.streamId, batch.events, { expectedRevision: 'no_stream' }));
    written += batch.events.length;
    if (inFlight.length >= 500) {
      await Promise.all(inFlight);
      inFlight = [];
      if (!asOf && written >= events / 2) {
        await new Promise((r) => setTimeout(r, 5));
        asOf = new Date();
        await new Promise((r) => setTimeout(r, 5));
      }
    }
  }
  await Promise.all(inFlight);
  await store.close();
  log(`  wrote ${written.toLocaleString('en')} events in ${Math.round(performance.now() - started)} ms`);
  return { asOf: asOf!, written };
}

/**
 * Printed, not recorded: the report snapshots' size beside the facts', and the as-of fold alone on this thread, from
 * the last snapshot before the instant and over the whole log (what every asOf read did before snapshots).
 */
async function foldsCompared(dir: string, host: ProjectionsHost, asOf: Date, log: (l: string) => void): Promise<void> {
  const rm = host.readModels;
  const size = (table: string) => rm.get<{ n: number; mb: number }>(`SELECT count(*) AS n, sum(length(fact)) / 1e6 AS mb FROM ${table}`)!;
  const [snapshots, cases] = [size('report_snapshots'), size('report_cases')];
  log(
    `  report_snapshots: ${snapshots.n.toLocaleString('en')} rows, ${snapshots.mb.toFixed(0)} MB of facts (report_cases: ${cases.n.toLocaleString('en')} rows, ${cases.mb.toFixed(0)} MB)`,
  );
  const store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
  try {
    const time = async (args: { asOf: string; readModels?: string }) => {
      const t = performance.now();
      const text = await replayReportFacts(store, args);
      const lists = Object.values(text).map((list) => JSON.parse(list) as { id: string }[]); // as ReportFacts.asOf parses them
      const ms = Math.round(performance.now() - t);
      // in one order, to compare the two folds
      return {
        ms,
        cases: JSON.parse(text.cases).length as number,
        facts: JSON.stringify(lists.map((l) => l.sort((a, b) => (a.id < b.id ? -1 : 1)))),
      };
    };
    const [from, whole] = [await time({ asOf: asOf.toISOString(), readModels: rm.db.name }), await time({ asOf: asOf.toISOString() })];
    log(
      `  asOf fold on this thread: from the last snapshot ${from.ms} ms, over the whole log ${whole.ms} ms (${from.cases.toLocaleString('en')} cases; ` +
        `the same facts: ${from.facts === whole.facts ? 'yes' : 'NO'})`,
    );
  } finally {
    await store.close();
  }
}

export async function reportBenchmarks(
  log: (line: string) => void,
  events = Number(process.env.BENCH_REPORT_EVENTS ?? 1_000_000),
): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'synpunkt-bench-report-'));
  try {
    const { asOf, written } = await fill(join(dir, 'events.sqlite'), events, log);
    const app = await createApp({ config: loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', READY_MAX_LAG: String(10 * events) }) });
    await app.listen(0, '127.0.0.1');
    const host = app.get(ProjectionsHost);
    const head = BigInt(written + 10);
    const first = await withPeakRss(async () => {
      const t = performance.now();
      while (
        !(await host.waitFor(head > 0n ? (await host.runner.status()).reduce((m, s) => (s.head > m ? s.head : m), 0n) : 0n, 600_000))
      ) {
        /* the first start builds every read model in the background */
      }
      return performance.now() - t;
    });
    log(`  first start caught every read model up in ${Math.round(first.result)} ms`);
    // The rebuild is measured on a settled app: the reactors' own first catch-up over the log is not to run beside it.
    const reactorsFrom = performance.now();
    for (const s of (await host.runner.status()).filter((s) => s.kind === 'reactor')) {
      while (!(await host.runner.waitFor(s.head, 600_000, s.name))) {
        /* a reactor catches up from position 0 at the first start, like the projections */
      }
    }
    log(`  the reactors caught up ${Math.round(performance.now() - reactorsFrom)} ms later`);
    const rebuild = await withPeakRss(async () => {
      const times: number[] = [];
      for (let i = 0; i < REBUILDS; i++) {
        await host.readModels.settled; // the last build's checkpoint and dropped tables are not to run inside the next
        const t = performance.now();
        await host.runner.rebuildAll(); // every read model, over REBUILD_THREADS threads by stream partition
        times.push(performance.now() - t);
      }
      log(`  rebuilds: ${times.map((ms) => Math.round(ms)).join(', ')} ms`);
      return median(times);
    });
    const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}/api/reports/yearly?year=${YEAR}`;
    const auth = { authorization: `Bearer ${await issueDevToken({ roles: ['admin'] }, {})}` };
    const timed = async (u: string, runs: number) =>
      withPeakRss(async () => {
        const times: number[] = [];
        for (let i = 0; i < runs; i++) {
          const t = performance.now();
          const res = await fetch(u, { headers: auth });
          if (res.status !== 200) throw new Error(`${u} answered ${res.status}`);
          await res.json();
          times.push(performance.now() - t);
        }
        return median(times);
      });
    const live = await timed(url, 7);
    const past = await timed(`${url}&asOf=${asOf.toISOString()}`, 3);
    await foldsCompared(dir, host, asOf, log);
    await app.close();
    return [
      { name: 'report.yearly', value: live.result, unit: 'ms', target: 200, events: written, rssMb: live.rssMb },
      { name: 'report.yearly.asOf', value: past.result, unit: 'ms', target: 1_000, events: written, rssMb: past.rssMb },
      { name: 'projection.rebuild', value: rebuild.result, unit: 'ms', target: 20_000, events: written, rssMb: rebuild.rssMb },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
