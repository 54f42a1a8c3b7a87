import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueDevToken } from '@app/auth';
import { INTAKE_BODY, registerBenchUnit, startApi, startRaw } from './bench-servers';
import { BenchResult } from './results';

const CONNECTIONS = 50;
const DURATION_S = 15;
/** Unmeasured load first, on both sides alike: the app's first second (JIT, first validations) ran at half speed. */
const WARMUP_S = 3;
function load(url: string, headers: Record<string, string>, duration = DURATION_S): Promise<autocannon.Result> {
  return autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration,
    headers: { 'content-type': 'application/json', ...headers },
    body: INTAKE_BODY,
  });
}

/** The bench unit, then warm-up, then the measured load, as a registration clerk. */
async function loadApp(port: number): Promise<autocannon.Result> {
  await registerBenchUnit(port);
  const intake = await issueDevToken({ roles: ['intake'] }, {});
  const auth = { authorization: `Bearer ${intake}` };
  await load(`http://127.0.0.1:${port}/api/cases`, auth, WARMUP_S);
  return load(`http://127.0.0.1:${port}/api/cases`, auth);
}

export async function intakeBenchmark(log: (line: string) => void): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'synpunkt-bench-intake-'));
  try {
    const raw = await startRaw(dir);
    await load(`http://127.0.0.1:${raw.port}/`, {}, WARMUP_S);
    const rawResult = await load(`http://127.0.0.1:${raw.port}/`, {});
    raw.stop();

    const results: BenchResult[] = [];
    for (const workers of [1, 2]) {
      const app = await startApi(join(dir, `app-${workers}`), { WORKERS: String(workers) });
      let appResult: autocannon.Result;
      try {
        appResult = await loadApp(app.port);
      } finally {
        await app.stop();
      }
      const errors = appResult.non2xx + appResult.errors;
      log(
        `  api.intake, WORKERS=${workers} + projector: ${Math.round(appResult.requests.average)} req/s, p99 ${appResult.latency.p99} ms, non-2xx/errors ${errors}; raw: ${Math.round(rawResult.requests.average)} req/s, p99 ${rawResult.latency.p99} ms`,
      );
      if (errors) throw new Error(`api.intake (WORKERS=${workers}) had ${errors} failed requests`);
      results.push({
        name: workers === 1 ? 'api.intake' : `api.intake.workers${workers}`,
        value: appResult.requests.average,
        unit: 'requests/s',
        baseline: rawResult.requests.average,
        ratio: appResult.requests.average / rawResult.requests.average,
        p99: appResult.latency.p99,
        baselineP99: rawResult.latency.p99,
        connections: CONNECTIONS,
      });
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
