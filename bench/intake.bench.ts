import autocannon from 'autocannon';
import { ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueDevToken } from '@app/auth';
import { BenchResult } from './results';

const CONNECTIONS = 50;
const DURATION_S = 15;
/** Unmeasured load first, on both sides alike: the app's first second (JIT, first validations) ran at half speed. */
const WARMUP_S = 3;
const body = JSON.stringify({
  type: 'complaint',
  channel: 'web',
  unitId: 'bench-enhet',
  category: 'mat-och-maltider',
  description: 'Maten på förskolan var kall tre dagar i rad och barnen blev hungriga.',
  submitter: { name: 'Eva Ek', email: 'eva.ek@example.se', phone: '070-123 45 67' },
});

function start(script: string, dir: string): Promise<{ port: number; stop: () => void }> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, script), [dir], { stdio: 'inherit' });
    child.once('message', (m: { port: number }) => resolve({ port: m.port, stop: () => child.kill('SIGTERM') }));
    child.once('error', reject);
    child.once('exit', (code) => code && reject(new Error(`${script} exited with ${code}`)));
  });
}

/**
 * `npm start` as built (dist/apps/api/src/main.js): the primary, `workers` HTTP workers and the projector, on a fresh
 * DATA_DIR; resolves once every process is up. `stop` is SIGTERM (the primary drains and stops them all).
 */
function startPrimary(dir: string, workers: number): Promise<{ port: number; stop: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', WORKERS: String(workers) };
    const child: ChildProcess = fork(join(__dirname, '../apps/api/src/main.js'), [], { env, stdio: 'inherit' });
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.on('message', (m: { synpunkt?: string; port?: number }) => {
      if (m.synpunkt === 'listening') resolve({ port: m.port!, stop: () => (child.kill('SIGTERM'), exited) });
    });
    child.once('error', reject);
    child.once('exit', (code) => code && reject(new Error(`the primary exited with ${code}`)));
  });
}

function load(url: string, headers: Record<string, string>, duration = DURATION_S): Promise<autocannon.Result> {
  return autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration,
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

/** The bench unit, then warm-up, then the measured load, as a registration clerk. */
async function loadApp(port: number): Promise<autocannon.Result> {
  const admin = await issueDevToken({ roles: ['admin'] }, {});
  const unit = await fetch(`http://127.0.0.1:${port}/api/units`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
    body: JSON.stringify({ id: 'bench-enhet', name: 'Bänkenheten', department: 'Förskola', district: 'Bänk' }),
  });
  if (unit.status !== 201) throw new Error(`could not register the bench unit: ${unit.status}`);
  const intake = await issueDevToken({ roles: ['intake'] }, {});
  const auth = { authorization: `Bearer ${intake}` };
  await load(`http://127.0.0.1:${port}/api/cases`, auth, WARMUP_S);
  return load(`http://127.0.0.1:${port}/api/cases`, auth);
}

export async function intakeBenchmark(log: (line: string) => void): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'synpunkt-bench-intake-'));
  try {
    const raw = await start('raw-intake-server.js', dir);
    await load(`http://127.0.0.1:${raw.port}/`, {}, WARMUP_S);
    const rawResult = await load(`http://127.0.0.1:${raw.port}/`, {});
    raw.stop();

    const results: BenchResult[] = [];
    for (const workers of [1, 2]) {
      const app = await startPrimary(join(dir, `app-${workers}`), workers);
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
