import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import { BenchResult, median } from './results';

/**
 * Our SqliteEventStore against raw better-sqlite3 doing the same durable work, in the same process and run.
 * Both sides use a file on disk, WAL and synchronous=FULL, so every commit is an fsync.
 */

const SINGLES = 20_000;
const CONCURRENCY = 50;
const SEQUENTIAL = 2_000;
const BATCHES = 1_000;
const ROUNDS = 5;
const READ_ROUNDS = 5;
const LOG_SIZE = 200_000;
const PAGE = 5_000;

const payload = (i: number) => ({
  caseId: `case-${i}`,
  kind: 'complaint',
  channel: 'web',
  unitId: 'hagerstens-gruppbostader',
  text: 'Synpunkt om maten på förskolan – åäö, portionerna är för små och maten kall',
  n: i,
});
const meta = { actor: { sub: 'bench', name: 'Bench Marksson' }, correlationId: 'c0ffee00-0000-4000-8000-000000000000' };
const rawMeta = () => JSON.stringify({ ...meta, recordedAt: new Date().toISOString() });

type RawRow = [number, string, string, number, string, string, string];

/** The baseline: its own table, WAL, synchronous=FULL, JSON.stringify on write and JSON.parse on read. */
class RawLog {
  readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly page: Database.Statement;
  readonly insertMany: (streamId: string, rows: unknown[]) => void;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
      stream_id TEXT NOT NULL, revision INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL,
      UNIQUE (stream_id, revision))`);
    this.insert = this.db.prepare('INSERT INTO events (id, stream_id, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)');
    this.page = this.db
      .prepare('SELECT position, id, stream_id, revision, type, data, metadata FROM events WHERE position > ? ORDER BY position LIMIT ?')
      .raw();
    this.insertMany = this.db.transaction((streamId: string, rows: unknown[]) => {
      const metadata = rawMeta();
      rows.forEach((data, revision) => this.insert.run(randomUUID(), streamId, revision, 'CaseNoted.v1', JSON.stringify(data), metadata));
    });
  }

  /** One autocommit INSERT: one durable transaction. */
  appendOne(streamId: string, data: unknown): void {
    this.insert.run(randomUUID(), streamId, 0, 'CaseRegistered.v1', JSON.stringify(data), rawMeta());
  }

  count(): number {
    return this.db.prepare('SELECT count(*) FROM events').pluck().get() as number;
  }

  /** Reads the whole log in pages, parsing data and metadata; returns the number of events. */
  readAll(): number {
    let after = 0;
    let count = 0;
    for (;;) {
      const rows = this.page.all(after, PAGE) as RawRow[];
      if (!rows.length) return count;
      for (const r of rows) {
        JSON.parse(r[5]);
        JSON.parse(r[6]);
      }
      count += rows.length;
      after = rows[rows.length - 1][0];
    }
  }
}

const rate = (count: number, ms: number) => (count / ms) * 1000;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

/** Runs `total` operations with `concurrency` in flight, each worker awaiting its own before issuing the next. */
async function concurrently(total: number, concurrency: number, op: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await op(next++);
    }),
  );
}

/** Times one run (synchronous or not) that returns how many events it handled; returns events/s. */
async function timed(run: () => number | Promise<number>): Promise<number> {
  gc();
  const start = performance.now();
  const count = await run();
  return rate(count, performance.now() - start);
}

/**
 * Alternates baseline and store `rounds` times and returns each side's median rate: the machine is shared, so
 * interleaving keeps a slow spell from landing on one side only.
 */
async function versus(
  rounds: number,
  baseline: (round: number) => number | Promise<number>,
  ours: (round: number) => number | Promise<number>,
): Promise<{ value: number; baseline: number }> {
  const b: number[] = [];
  const o: number[] = [];
  for (let round = 0; round < rounds; round++) {
    b.push(await timed(() => baseline(round)));
    o.push(await timed(() => ours(round)));
  }
  return { value: median(o), baseline: median(b) };
}

const result = (name: string, figures: { value: number; baseline: number }, extra: Record<string, unknown> = {}): BenchResult => ({
  name,
  value: figures.value,
  unit: 'events/s',
  baseline: figures.baseline,
  ratio: figures.value / figures.baseline,
  ...extra,
});

const fmt = (n: number) => Math.round(n).toLocaleString('en');

export async function storeBenchmarks(log: (line: string) => void): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'synpunkt-bench-'));
  const storePath = join(dir, 'store.sqlite');
  const raw = new RawLog(join(dir, 'raw.sqlite'));
  const store = new SqliteEventStore({ path: storePath });
  const results: BenchResult[] = [];
  const registered = (i: number) => [{ type: 'CaseRegistered.v1', data: payload(i), metadata: meta }];
  try {
    // --- store.append.single: single-event appends to distinct streams -------------------------------------------
    // Warm both sides up (JIT, page cache, WAL file) before measuring.
    for (let i = 0; i < 300; i++) raw.appendOne(`warm-${i}`, payload(i));
    await concurrently(300, CONCURRENCY, (i) => store.append(`warm-${i}`, registered(i)));
    // As an API server sees it: CONCURRENCY requests in flight, each awaiting its own append before the next.
    // The baseline cannot overlap anything: one synchronous, durable transaction per event.
    const perRound = SINGLES / ROUNDS;
    const single = await versus(
      ROUNDS,
      (round) => {
        for (let i = round * perRound; i < (round + 1) * perRound; i++) raw.appendOne(`raw-${i}`, payload(i));
        return perRound;
      },
      async (round) => {
        await concurrently(perRound, CONCURRENCY, (i) =>
          store.append(`case-${round}-${i}`, registered(i), { expectedRevision: 'no_stream' }),
        );
        return perRound;
      },
    );
    results.push(result('store.append.single', single, { concurrency: CONCURRENCY }));
    // For honesty: one append at a time, so every append is its own transaction and fsync, like the baseline.
    const sequential = await timed(async () => {
      for (let i = 0; i < SEQUENTIAL; i++) await store.append(`seq-${i}`, registered(i), { expectedRevision: 'no_stream' });
      return SEQUENTIAL;
    });
    log(
      `store.append.single one at a time (no concurrency, no group commit): ${fmt(sequential)} events/s` +
        ` vs raw ${fmt(single.baseline)} events/s (${(sequential / single.baseline).toFixed(2)}×) — not in results.json`,
    );

    // --- store.append.batch100: 100 events per append, one transaction each --------------------------------------
    const datas = (b: number) => Array.from({ length: 100 }, (_, i) => payload(b * 100 + i));
    const batchesPerRound = BATCHES / ROUNDS;
    const batch = await versus(
      ROUNDS,
      (round) => {
        for (let b = round * batchesPerRound; b < (round + 1) * batchesPerRound; b++) raw.insertMany(`rawb-${b}`, datas(b));
        return batchesPerRound * 100;
      },
      async (round) => {
        for (let b = round * batchesPerRound; b < (round + 1) * batchesPerRound; b++)
          await store.append(
            `batch-${b}`,
            datas(b).map((data) => ({ type: 'CaseNoted.v1', data, metadata: meta })),
            { expectedRevision: 'no_stream' },
          );
        return batchesPerRound * 100;
      },
    );
    results.push(result('store.append.batch100', batch));

    // --- fill both logs up to LOG_SIZE events (not measured) --------------------------------------------------------
    for (let b = 0, n = raw.count(); n < LOG_SIZE; b++, n += 100)
      raw.insertMany(`fill-${b}`, datas(b).slice(0, Math.min(100, LOG_SIZE - n)));
    for (let b = 0, n = Number(await store.headPosition()); n < LOG_SIZE; b++, n += 100)
      await store.append(
        `fill-${b}`,
        datas(b)
          .slice(0, Math.min(100, LOG_SIZE - n))
          .map((data) => ({ type: 'CaseNoted.v1', data, metadata: meta })),
      );
    const total = Number(await store.headPosition());
    if (total !== LOG_SIZE || raw.count() !== LOG_SIZE) throw new Error(`logs hold ${total} and ${raw.count()} events, not ${LOG_SIZE}`);

    // --- store.readAll: the whole log in pages, data and metadata JSON parsed ------------------------------------
    const readAll = await versus(
      READ_ROUNDS,
      () => raw.readAll(),
      async () => {
        let count = 0;
        let after: bigint | undefined;
        for (;;) {
          const events = await store.readAll({ after, limit: PAGE });
          if (!events.length) break;
          count += events.length;
          after = events[events.length - 1].position;
        }
        if (count !== total) throw new Error(`readAll returned ${count} events, expected ${total}`);
        return count;
      },
    );
    results.push(result('store.readAll', readAll, { events: total, pageSize: PAGE }));

    // --- projection.catchup: a subscription from 0 into a counting projection ---------------------------------------
    // Baseline: raw SELECT paging over the very same rows of the store's file, counting them (no parsing).
    const reader = new Database(storePath, { readonly: true });
    const page = reader
      .prepare(
        `SELECT position, id, stream_id, revision, type, data, metadata, prev_hash, hash FROM events WHERE position > ? ORDER BY position LIMIT 1000`,
      )
      .raw();
    const catchup = await versus(
      READ_ROUNDS,
      () => {
        let count = 0;
        let after = 0;
        for (;;) {
          const rows = page.all(after) as [number][];
          if (!rows.length) return count;
          count += rows.length;
          after = rows[rows.length - 1][0];
        }
      },
      async () => {
        const projection = { count: 0, byType: new Map<string, number>() };
        const sub = store.subscribe({});
        for await (const event of sub) {
          projection.byType.set(event.type, (projection.byType.get(event.type) ?? 0) + 1);
          if (++projection.count >= total) break;
        }
        await sub.close();
        return projection.count;
      },
    );
    reader.close();
    results.push(result('projection.catchup', catchup, { events: total }));
  } finally {
    raw.db.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
