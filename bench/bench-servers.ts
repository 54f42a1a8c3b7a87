import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { issueDevToken } from '@app/auth';

/** The registration both intake benches send: a web complaint with contact details (so it also queues a receipt). */
export const INTAKE_BODY = JSON.stringify({
  type: 'complaint',
  channel: 'web',
  unitId: 'bench-enhet',
  category: 'mat-och-maltider',
  description: 'Maten på förskolan var kall tre dagar i rad och barnen blev hungriga.',
  submitter: { name: 'Eva Ek', email: 'eva.ek@example.se', phone: '070-123 45 67' },
});

export interface RunningApi {
  port: number;
  stop: () => Promise<void>;
}

/**
 * `npm start` as built (dist/apps/api/src/main.js): the primary, `WORKERS` HTTP workers (1 unless `env` says) and the
 * projector on `dataDir`; resolves once every process is up. `stop` is SIGTERM (the primary drains and stops them all).
 */
export function startApi(dataDir: string, env: Record<string, string> = {}): Promise<RunningApi> {
  return new Promise((resolve, reject) => {
    const full = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', WORKERS: '1', ...env };
    const child: ChildProcess = fork(join(__dirname, '../apps/api/src/main.js'), [], { env: full, stdio: 'inherit' });
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.on('message', (m: { synpunkt?: string; port?: number }) => {
      if (m.synpunkt === 'listening') resolve({ port: m.port!, stop: () => (child.kill('SIGTERM'), exited) });
    });
    child.once('error', reject);
    child.once('exit', (code) => code && reject(new Error(`the primary exited with ${code}`)));
  });
}

/** The baseline server (raw-intake-server.ts: bare node:http, one durable insert per request) on its own file in `dir`. */
export function startRaw(dir: string): Promise<{ port: number; stop: () => void }> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'raw-intake-server.js'), [dir], { stdio: 'inherit' });
    child.once('message', (m: { port: number }) => resolve({ port: m.port, stop: () => child.kill('SIGTERM') }));
    child.once('error', reject);
    child.once('exit', (code) => code && reject(new Error(`raw-intake-server exited with ${code}`)));
  });
}

/** Registers the unit INTAKE_BODY names, as an admin. */
export async function registerBenchUnit(port: number): Promise<void> {
  const admin = await issueDevToken({ roles: ['admin'] }, {});
  const unit = await fetch(`http://127.0.0.1:${port}/api/units`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
    body: JSON.stringify({ id: 'bench-enhet', name: 'Bänkenheten', department: 'Förskola', district: 'Bänk' }),
  });
  if (unit.status !== 201) throw new Error(`could not register the bench unit: ${unit.status}`);
}
