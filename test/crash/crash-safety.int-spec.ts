import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, verifyEventLog } from '@app/event-store';

interface Acked {
  streamId: string;
  revision: string;
  position: string;
  i: number;
}

/** Runs the worker until `killAfter` acknowledgements have arrived, then SIGKILLs it; returns what it acknowledged. */
function runAndKill(path: string, count: number, killAfter: number, prefix: string): Promise<Acked[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', join(__dirname, '../support/register.js'), join(__dirname, 'append-worker.ts'), path, String(count), prefix],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const acked: Acked[] = [];
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        if (line === 'DONE') child.kill('SIGKILL');
        else if (line) acked.push(JSON.parse(line));
      }
      if (acked.length >= killAfter) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve(acked) : reject(new Error(`worker ended without being killed: ${stderr}`)),
    );
  });
}

describe('crash safety of the embedded store', () => {
  it('keeps every acknowledged append, contiguous revisions and intact hash chains after SIGKILL', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'synpunkt-crash-')), 'events.sqlite');
    const acked = await runAndKill(path, 1000, 300, 'run1');
    expect(acked.length).toBeGreaterThanOrEqual(300);

    // A second run on the same file after the crash, killed again mid-way.
    const acked2 = await runAndKill(path, 1000, 200, 'run2');

    const store = new SqliteEventStore({ path });
    try {
      const all = await store.readAll();
      const byPosition = new Map(all.map((e) => [e.position.toString(), e]));
      for (const a of [...acked, ...acked2]) {
        const e = byPosition.get(a.position);
        expect(e).toBeDefined();
        expect({ streamId: e!.streamId, revision: e!.revision.toString() }).toEqual({ streamId: a.streamId, revision: a.revision });
      }
      const revisions = new Map<string, bigint[]>();
      for (const e of all) revisions.set(e.streamId, [...(revisions.get(e.streamId) ?? []), e.revision]);
      for (const [, revs] of revisions) expect(revs).toEqual(revs.map((_, i) => BigInt(i)));
      const report = await verifyEventLog(store, { heads: () => store.streamHeads() });
      expect(report).toMatchObject({ ok: true, eventsChecked: all.length });
    } finally {
      await store.close();
    }
  });
});
