import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '@app/event-store';
import { BenchResult } from './results';

const payload = (i: number) => ({
  caseId: `case-${i}`,
  type: 'complaint',
  channel: 'web',
  unitId: 'hagerstens-gruppbostader',
  text: 'Synpunkt om maten på förskolan – åäö',
  n: i,
});
const meta = { actor: { sub: 'bench' }, correlationId: 'bench' };

function rawDb(dir: string): Database.Database {
  const db = new Database(join(dir, 'raw.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, stream_id TEXT NOT NULL,
    revision INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, UNIQUE (stream_id, revision))`);
  return db;
}

const rate = (count: number, ms: number) => (count / ms) * 1000;

/** Runs `total` operations with `concurrency` in flight, each awaiting its own before issuing the next. */
async function concurrently(total: number, concurrency: number, op: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await op(next++);
    }),
  );
  return performance.now() - start;
}

export async function storeBenchmarks(log: (line: string) => void): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'synpunkt-bench-'));
  const results: BenchResult[] = [];
  try {
    // single-event appends to distinct streams, 50 in flight (as an API server sees them)
    const singles = 20_000;
    const raw = rawDb(dir);
    const rawInsert = raw.prepare('INSERT INTO events (id, stream_id, revision, type, data, metadata) VALUES (?, ?, 0, ?, ?, ?)');
    const rawStart = performance.now();
    for (let i = 0; i < singles; i++)
      rawInsert.run(
        randomUUID(),
        `raw-${i}`,
        'CaseRegistered.v1',
        JSON.stringify(payload(i)),
        JSON.stringify({ ...meta, recordedAt: new Date().toISOString() }),
      );
    const rawSingle = rate(singles, performance.now() - rawStart);
    const store = new SqliteEventStore({ path: join(dir, 'store.sqlite') });
    const ms = await concurrently(singles, 50, (i) =>
      store.append(`case-${i}`, [{ type: 'CaseRegistered.v1', data: payload(i), metadata: meta }], { expectedRevision: 'no_stream' }),
    );
    const single = rate(singles, ms);
    results.push({ name: 'store.append.single', value: single, unit: 'events/s', baseline: rawSingle, ratio: single / rawSingle });
    const seqCount = 2000;
    const seqStart = performance.now();
    for (let i = 0; i < seqCount; i++)
      await store.append(`seq-${i}`, [{ type: 'CaseRegistered.v1', data: payload(i), metadata: meta }], { expectedRevision: 'no_stream' });
    log(
      `  (one at a time, no concurrency: ${Math.round(rate(seqCount, performance.now() - seqStart))} events/s vs raw ${Math.round(rawSingle)})`,
    );

    // 100-event appends
    const batches = 1000;
    const rawBatch = raw.transaction((b: number) => {
      for (let i = 0; i < 100; i++)
        raw
          .prepare('INSERT INTO events (id, stream_id, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)')
          .run(
            randomUUID(),
            `rawb-${b}`,
            i,
            'E.v1',
            JSON.stringify(payload(i)),
            JSON.stringify({ ...meta, recordedAt: new Date().toISOString() }),
          );
    });
    let t = performance.now();
    for (let b = 0; b < batches; b++) rawBatch(b);
    const rawB = rate(batches * 100, performance.now() - t);
    const events100 = (b: number) => Array.from({ length: 100 }, (_, i) => ({ type: 'E.v1', data: payload(b * 100 + i), metadata: meta }));
    t = performance.now();
    for (let b = 0; b < batches; b++) await store.append(`batch-${b}`, events100(b), { expectedRevision: 'no_stream' });
    const storeB = rate(batches * 100, performance.now() - t);
    results.push({ name: 'store.append.batch100', value: storeB, unit: 'events/s', baseline: rawB, ratio: storeB / rawB });

    // readAll with JSON parsing over the whole log, in pages
    const total = Number(await store.headPosition());
    t = performance.now();
    let after = 0;
    let rawCount = 0;
    const page = raw
      .prepare('SELECT position, id, stream_id, revision, type, data, metadata FROM events WHERE position > ? ORDER BY position LIMIT 5000')
      .raw();
    for (;;) {
      const rows = page.all(after) as [number, string, string, number, string, string, string][];
      if (!rows.length) break;
      for (const r of rows) {
        JSON.parse(r[5]);
        JSON.parse(r[6]);
      }
      rawCount += rows.length;
      after = rows[rows.length - 1][0];
    }
    const rawRead = rate(rawCount, performance.now() - t);
    t = performance.now();
    let readCount = 0;
    let pos: bigint | undefined;
    for (;;) {
      const events = await store.readAll({ after: pos, limit: 5000 });
      if (!events.length) break;
      readCount += events.length;
      pos = events[events.length - 1].position;
    }
    const storeRead = rate(readCount, performance.now() - t);
    results.push({
      name: 'store.readAll',
      value: storeRead,
      unit: 'events/s',
      baseline: rawRead,
      ratio: storeRead / rawRead,
      events: readCount,
    });

    // a subscription catching up from 0 into a trivial counting projection
    t = performance.now();
    let counted = 0;
    const sub = store.subscribe({});
    for await (const _ of sub) {
      if (++counted >= total) break;
    }
    await sub.close();
    const catchup = rate(counted, performance.now() - t);
    results.push({
      name: 'projection.catchup',
      value: catchup,
      unit: 'events/s',
      baseline: rawRead,
      ratio: catchup / rawRead,
      events: counted,
    });
    raw.close();
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
