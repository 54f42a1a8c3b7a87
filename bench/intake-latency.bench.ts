import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueDevToken } from '@app/auth';
import { INTAKE_BODY, registerBenchUnit, startApi, startRaw } from './bench-servers';
import { BenchResult, median } from './results';

/** The issue's fixed arrival rate: an open loop, so a slow answer does not slow the next request down (no coordinated omission). */
const RATE = 200;
/**
 * autocannon paces each connection at RATE / CONNECTIONS from the same start, so the requests arrive in bursts of one per
 * connection: 40 connections sent 40 requests at once every 200 ms, and even the bare server's p50 was its queue of 40.
 * Four send one request every 5 ms on average, in bursts of four every 20 ms, and a connection waits for its answer only
 * when one takes longer than 20 ms (near the 25 ms target, so the loop stays open where it matters).
 */
const CONNECTIONS = 4;
const DURATION_S = 10;
const WARMUP_S = 3;
function atRate(url: string, headers: Record<string, string>, duration: number): Promise<autocannon.Result> {
  return autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    overallRate: RATE,
    duration,
    headers: { 'content-type': 'application/json', ...headers },
    body: INTAKE_BODY,
  });
}

/** Rounds of raw then app, each side's figures their median: one 10 s run on this shared machine varies a lot. */
const ROUNDS = 3;

/**
 * api.intake.latency: `POST /api/cases` at a fixed 200 requests/s through the app as `npm start` runs it (WORKERS=1 and the
 * projector), p50/p99; the baseline is the bare node:http server with one durable insert per request at the same rate.
 * Both servers stay up and the load alternates between them, so a busy spell of the machine lands on both alike.
 */
export async function intakeLatencyBenchmark(log: (line: string) => void): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'synpunkt-bench-latency-'));
  const raw = await startRaw(dir);
  try {
    const app = await startApi(join(dir, 'app'));
    try {
      await registerBenchUnit(app.port);
      const auth = { authorization: `Bearer ${await issueDevToken({ roles: ['intake'] }, {})}` };
      const sides = {
        raw: () => atRate(`http://127.0.0.1:${raw.port}/`, {}, DURATION_S),
        app: () => atRate(`http://127.0.0.1:${app.port}/api/cases`, auth, DURATION_S),
      };
      await atRate(`http://127.0.0.1:${raw.port}/`, {}, WARMUP_S);
      await atRate(`http://127.0.0.1:${app.port}/api/cases`, auth, WARMUP_S);
      const runs: Record<'raw' | 'app', autocannon.Result[]> = { raw: [], app: [] };
      for (let round = 0; round < ROUNDS; round++) {
        for (const side of ['raw', 'app'] as const) {
          const r = await sides[side]();
          if (r.non2xx + r.errors) throw new Error(`api.intake.latency: ${side} had ${r.non2xx + r.errors} failed requests`);
          runs[side].push(r);
          log(
            `    round ${round + 1}, ${side}: p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${Math.round(r.requests.average)} req/s done`,
          );
        }
      }
      const figures = (side: 'raw' | 'app') => ({
        p50: median(runs[side].map((r) => r.latency.p50)),
        p99: median(runs[side].map((r) => r.latency.p99)),
        rate: median(runs[side].map((r) => r.requests.average)),
      });
      const [a, b] = [figures('app'), figures('raw')];
      log(
        `  api.intake.latency at ${RATE} req/s (WORKERS=1 + projector), median of ${ROUNDS}: p50 ${a.p50} ms, p99 ${a.p99} ms, ` +
          `${Math.round(a.rate)} req/s done; raw: p50 ${b.p50} ms, p99 ${b.p99} ms, ${Math.round(b.rate)} req/s`,
      );
      return [
        {
          name: 'api.intake.latency',
          value: a.p99,
          unit: 'ms',
          baseline: b.p99,
          target: 25,
          p50: a.p50,
          baselineP50: b.p50,
          rate: RATE,
          achievedRate: a.rate,
          rounds: ROUNDS,
        },
      ];
    } finally {
      await app.stop();
    }
  } finally {
    raw.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
