import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteIdempotencyStore } from '@app/platform';

const REGISTER = join(__dirname, '../support/register.js');
const WORKER = join(__dirname, 'idempotency-lease-worker.ts');
const LEASE_MS = 30_000;
const T0 = Date.parse('2026-03-01T08:00:00Z');
/** Instants of the test's own clock, passed to both processes: nothing here depends on how fast real time runs. */
const at = (ms: number) => new Date(T0 + ms);

/** Starts the worker and resolves with the reservation it printed, while it keeps running. */
function reserveInChild(path: string, key: string): Promise<{ child: ChildProcess; kind: string }> {
  return new Promise((resolve, reject) => {
    const args = [path, 'intake /api/cases', key, 'h1', at(0).toISOString(), String(LEASE_MS)];
    const child = spawn(process.execPath, ['-r', REGISTER, WORKER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve({ child, kind: JSON.parse(out.split('\n')[0]).kind });
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`the worker exited (${code}) before it reserved:\n${err}`)));
  });
}

const killed = (child: ChildProcess) =>
  new Promise<NodeJS.Signals | null>((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', (_code, signal) => resolve(signal));
    child.kill('SIGKILL');
  });

describe('an Idempotency-Key held by a request in another process', () => {
  let dir: string;
  let child: ChildProcess | undefined;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'synpunkt-idem-lease-'))));
  afterAll(() => {
    if (child?.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('is not run twice while that process lives, nor after it was killed until the lease ends; then a retry takes it over', async () => {
    const path = join(dir, 'idempotency.sqlite');
    const started = await reserveInChild(path, 'brev-1');
    child = started.child;
    expect(started.kind).toBe('new');

    const store = new SqliteIdempotencyStore({ path, ttlMs: 24 * 3_600_000, leaseMs: LEASE_MS });
    try {
      expect(await store.reserve('intake /api/cases', 'brev-1', 'h1', at(1_000))).toEqual({ kind: 'in_progress' });

      expect(await killed(child)).toBe('SIGKILL');
      // Dead or only slow, the store cannot tell: inside the lease the key stays with the killed request.
      expect(await store.reserve('intake /api/cases', 'brev-1', 'h1', at(LEASE_MS - 1))).toEqual({ kind: 'in_progress' });
      expect(await store.reserve('intake /api/cases', 'brev-1', 'h1', at(LEASE_MS))).toEqual({ kind: 'new', token: expect.any(String) });
      expect(await store.reserve('intake /api/cases', 'brev-1', 'h1', at(LEASE_MS + 1))).toEqual({ kind: 'in_progress' });
    } finally {
      await store.close();
    }
  });
});
