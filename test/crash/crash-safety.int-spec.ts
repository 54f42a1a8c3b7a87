import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordedEvent } from '@app/core';
import { SqliteEventStore, verifyEventLog } from '@app/event-store';
import type { Ack } from './append-worker';

const REGISTER = join(__dirname, '../support/register.js');
const WORKER = join(__dirname, 'append-worker.ts');

interface Run {
  acks: Ack[];
  /** The report of verifyEventLog that the child printed on opening what the previous run left. */
  verified: { ok: boolean; eventsChecked: number };
  /** Whether the child had already finished all its appends when the kill arrived (it should not have, usually). */
  finished: boolean;
  signal: NodeJS.Signals | null;
}

/** Starts the worker on `path`, reads its acknowledgements and SIGKILLs it once `killAfter` have arrived. */
function runAndKill(path: string, appends: number, killAfter: number, prefix: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', REGISTER, WORKER, path, String(appends), prefix], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run: Run = { acks: [], verified: { ok: false, eventsChecked: -1 }, finished: false, signal: null };
    let buffer = '';
    let stderr = '';
    let killed = false;
    const kill = () => {
      if (!killed) child.kill('SIGKILL');
      killed = true;
    };
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      if (killed) return; // what arrives after the kill was decided is not counted, whole line or not
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!; // a line cut short stays in the buffer and is never counted
      for (const line of lines) {
        if (line.startsWith('VERIFIED ')) run.verified = JSON.parse(line.slice('VERIFIED '.length));
        else if (line === 'DONE') run.finished = true;
        else if (line) run.acks.push(JSON.parse(line));
      }
      if (run.acks.length >= killAfter || run.finished) kill();
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      run.signal = signal;
      if (signal === 'SIGKILL') resolve(run);
      else reject(new Error(`the worker exited with code ${code} before it was killed:\n${stderr}`));
    });
  });
}

describe('crash safety of the embedded store (SIGKILL mid-way through 1,000 concurrent appends)', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'synpunkt-crash-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged append with its revision and position, contiguous streams and intact chains', async () => {
    const path = join(dir, 'events.sqlite');

    const first = await runAndKill(path, 1000, 300, 'run1');
    expect(first.signal).toBe('SIGKILL');
    expect(first.verified).toMatchObject({ ok: true, eventsChecked: 0 });
    expect(first.acks.length).toBeGreaterThanOrEqual(300);
    // Killed without closing: the committed appends are in the WAL, which the next opening must recover.
    expect(existsSync(`${path}-wal`) && statSync(`${path}-wal`).size > 0).toBe(true);

    // A restarted child opens the crashed file, verifies it, continues the shared streams from their heads, and is killed again.
    const second = await runAndKill(path, 1000, 200, 'run2');
    expect(second.verified.ok).toBe(true);
    expect(second.verified.eventsChecked).toBeGreaterThanOrEqual(first.acks.reduce((n, a) => n + a.positions.length, 0));
    expect(second.acks.length).toBeGreaterThanOrEqual(200);

    const store = new SqliteEventStore({ path });
    try {
      const all: RecordedEvent[] = [];
      for (let after: bigint | undefined; ; ) {
        const page = await store.readAll({ after, limit: 1000 });
        if (!page.length) break;
        all.push(...page);
        after = page[page.length - 1].position;
      }
      const byPosition = new Map(all.map((e) => [e.position.toString(), e]));

      // Every append that reported success is there, each of its events with the reported revision and position.
      const acks = [...first.acks.map((a) => ({ ...a, prefix: 'run1' })), ...second.acks.map((a) => ({ ...a, prefix: 'run2' }))];
      const missing = acks.flatMap((a) =>
        a.positions
          .map((position, k) => ({ position, k, e: byPosition.get(position) }))
          .filter(
            ({ position, k, e }) =>
              !e ||
              e.streamId !== a.streamId ||
              e.revision.toString() !== a.revisions[k] ||
              (e.data as { i: number; k: number; prefix: string }).i !== a.i ||
              (e.data as { k: number }).k !== k ||
              (e.data as { prefix: string }).prefix !== a.prefix ||
              e.position.toString() !== position,
          )
          .map(({ position }) => `${a.prefix}:${a.i} ${a.streamId}@${position}`),
      );
      expect(missing).toEqual([]);
      // The acknowledged appends were all distinct events.
      expect(new Set(acks.flatMap((a) => a.positions)).size).toBe(acks.reduce((n, a) => n + a.positions.length, 0));

      // Each stream's revisions run 0, 1, 2, ... in position order; appends are atomic (an append's events sit together).
      const revisions = new Map<string, string[]>();
      for (const e of all) revisions.set(e.streamId, [...(revisions.get(e.streamId) ?? []), e.revision.toString()]);
      const gaps = [...revisions].filter(([, revs]) => revs.some((r, i) => r !== String(i))).map(([id]) => id);
      expect(gaps).toEqual([]);
      const appendsInLog = new Map<string, RecordedEvent[]>();
      for (const e of all) {
        const key = String((e.metadata as { correlationId?: string }).correlationId);
        appendsInLog.set(key, [...(appendsInLog.get(key) ?? []), e]);
      }
      const torn = [...appendsInLog].filter(([, es]) => es.length !== 1 + ((es[0].data as { i: number }).i % 3)).map(([key]) => key);
      expect(torn).toEqual([]);

      // The hash chains and the recorded stream heads agree with the events.
      const report = await verifyEventLog(store, { heads: () => store.streamHeads() });
      expect(report).toEqual({ ok: true, eventsChecked: all.length, streamsChecked: revisions.size });

      // The store still takes appends where the killed runs left the shared streams.
      const [head] = await store.readStream('shared-0', { direction: 'backwards', maxCount: 1 });
      const next = await store.append('shared-0', [{ type: 'CrashTested.v1', data: { after: 'crash' } }], {
        expectedRevision: head.revision,
      });
      expect(next.nextExpectedRevision).toBe(head.revision + 1n);
    } finally {
      await store.close();
    }
  }, 30_000);
});
