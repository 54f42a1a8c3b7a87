import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { tokenFor } from '@app/testing';
import { until } from '../support/until';

const REGISTER = join(__dirname, '../support/register.js');
const MAIN = join(__dirname, '../../apps/api/src/main.ts');

/** `npm start` from the TypeScript sources: the primary, and through it (cluster.setupPrimary) its workers and projector. */
export interface RunningPrimary {
  child: ChildProcess;
  port: number;
  /** Everything the processes wrote to stdout and stderr (pino JSON lines). */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  call(method: string, path: string, options?: { body?: unknown; role?: string; headers?: Record<string, string> }): Promise<Answer>;
}

export interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  headers: Headers;
}

export async function startPrimary(env: NodeJS.ProcessEnv): Promise<RunningPrimary> {
  const child = spawn(process.execPath, ['-r', REGISTER, MAIN], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.on('message', (m: { synpunkt?: string; port?: number }) => m.synpunkt === 'listening' && resolve(m.port!));
    void exited.then(({ code, signal }) => reject(new Error(`the primary exited (${signal ?? code}) while starting:\n${output}`)));
  });
  const tokens = new Map<string, string>();
  const call: RunningPrimary['call'] = async (method, path, options = {}) => {
    const role = options.role ?? 'admin';
    if (!tokens.has(role)) tokens.set(role, await tokenFor(role as 'admin'));
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens.get(role)}`,
        ...(options.body ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      body: options.body ? JSON.stringify(options.body) : undefined,
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // text (metrics)
    }
    return { status: res.status, body, headers: res.headers };
  };
  return { child, port, output: () => output, exited, call };
}

/**
 * Polls `check` (a failed request counts as not yet: processes restart under it) until it answers a value; up to 45 s,
 * as a restarted process compiles the TypeScript sources on a busy machine (these tests allow 120 s each).
 */
export function eventually<T>(check: () => Promise<T | undefined>, what: string): Promise<T> {
  return until(what, () => check().catch(() => undefined), 45_000);
}

/**
 * Registrations sent `concurrency` at a time until stopped (or the primary has exited: a failed test must not leave
 * them spinning, which keeps jest from exiting); only 201s count as acknowledged.
 */
export function keepRegistering(primary: RunningPrimary, concurrency: number, tag: string) {
  const acked: { id: string; position: number }[] = [];
  let failed = 0;
  let running = true;
  let n = 0;
  const loop = async () => {
    while (running && primary.child.exitCode === null && primary.child.signalCode === null) {
      const i = n++;
      const res = await primary
        .call('POST', '/api/cases', { role: 'intake', body: caseBody(`${tag} ${i}`) })
        .catch(() => ({ status: 0, body: undefined, headers: new Headers() }));
      if (res.status === 201) acked.push({ id: res.body.id, position: Number(res.headers.get('x-event-position')) });
      else failed++;
    }
  };
  const loops = Array.from({ length: concurrency }, loop);
  return {
    acked,
    failed: () => failed,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

export const caseBody = (description: string) => ({
  type: 'complaint',
  channel: 'web',
  unitId: 'mp',
  description,
  submitter: { name: `Namn ${description}`, email: 'a@example.se' },
});
