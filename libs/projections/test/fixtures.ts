import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordedEvent } from '@app/core';
import { EventFilter, EventStore, ReadAllOptions, SqliteEventStore } from '@app/event-store';
import { Projection, ProjectionRunner, ProjectionRunnerOptions, ReadModelStore } from '@app/projections';

/** A data directory with an event log and a read-model file, reopened as a "process restart" would. */
export class TestSite {
  readonly dir = mkdtempSync(join(tmpdir(), 'synpunkt-projections-'));
  readonly store = new SqliteEventStore({ path: join(this.dir, 'events.sqlite'), pollMs: 20 });
  private readonly opened: { runner: ProjectionRunner; readModels: ReadModelStore }[] = [];

  /** A fresh runner over a fresh connection to the same read-model file. */
  open(options: ProjectionRunnerOptions = {}, store: EventStore = this.store) {
    const readModels = new ReadModelStore(join(this.dir, 'read-models.sqlite'));
    const runner = new ProjectionRunner(store, readModels, options);
    this.opened.push({ runner, readModels });
    return { runner, readModels };
  }

  /** Appends `count` events `{ n }` (n counting on from `from`), one per append, and returns their positions. */
  async append(streamId: string, count: number, from = 1, type = 'Counted.v1'): Promise<bigint[]> {
    const positions: bigint[] = [];
    for (let n = from; n < from + count; n++) positions.push((await this.store.append(streamId, [{ type, data: { n } }])).position);
    return positions;
  }

  async close(): Promise<void> {
    for (const { runner, readModels } of this.opened.reverse()) {
      await runner.stop();
      readModels.close();
    }
    await this.store.close();
  }
}

export interface CounterProjection extends Projection {
  /** How often `apply` was called by this object (including calls that threw). */
  calls: number;
  /** Throws for events whose `data.n` is listed, while listed. */
  failOn: Set<number>;
}

/** Records every event as a row (the primary key refuses a second apply) and counts events per stream. */
export function counterProjection(
  name: string,
  options: { version?: number; filter?: EventFilter; label?: string } = {},
): CounterProjection {
  const projection: CounterProjection = {
    name,
    version: options.version ?? 1,
    filter: options.filter,
    calls: 0,
    failOn: new Set(),
    tables: {
      [`${name}_items`]:
        'position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, n INTEGER NOT NULL, written_into TEXT NOT NULL, label TEXT',
      [`${name}_totals`]: 'stream_id TEXT PRIMARY KEY, count INTEGER NOT NULL',
    },
    indexes: { [`${name}_items`]: ['stream_id, n'] },
    apply(tx, event) {
      projection.calls++;
      const { n } = event.data as { n: number };
      const items = tx.table(`${name}_items`);
      tx.run(
        `INSERT INTO ${items} (position, stream_id, n, written_into, label) VALUES (?, ?, ?, ?, ?)`,
        event.position,
        event.streamId,
        n,
        items,
        options.label ?? null,
      );
      if (projection.failOn.has(n)) throw new Error(`refusing n=${n}`);
      tx.run(
        `INSERT INTO ${tx.table(`${name}_totals`)} (stream_id, count) VALUES (?, 1) ON CONFLICT (stream_id) DO UPDATE SET count = count + 1`,
        event.streamId,
      );
    },
  };
  return projection;
}

/**
 * Counts every event in one row (`<name>_total`, key 'all') and every stream's in another table: partitioned, the
 * total adding up over partitions when `sums` says so (without, a rebuild over partitions must fail at the merge).
 */
export function summingProjection(name: string, sums: boolean): Projection {
  return {
    name,
    version: 1,
    partitioned: sums ? { sums: { [`${name}_total`]: { key: ['k'], add: ['n'] } } } : {},
    tables: { [`${name}_total`]: 'k TEXT PRIMARY KEY, n INTEGER NOT NULL', [`${name}_streams`]: 'id TEXT PRIMARY KEY, n INTEGER NOT NULL' },
    apply(tx, event) {
      tx.run(`INSERT INTO ${tx.table(`${name}_total`)} (k, n) VALUES ('all', 1) ON CONFLICT (k) DO UPDATE SET n = n + 1`);
      tx.run(`INSERT INTO ${tx.table(`${name}_streams`)} (id, n) VALUES (?, 1) ON CONFLICT (id) DO UPDATE SET n = n + 1`, event.streamId);
    },
  };
}

/**
 * An event store whose paged `readAll` calls (rebuild pages, not raw scans) can be held at a gate from the
 * `holdFromCall`-th on; `afterEmptyPage` runs once, after a page came back empty and before the caller sees it.
 */
export function gatedStore(store: EventStore, holdFromCall: number, afterEmptyPage?: () => Promise<unknown>) {
  let calls = 0;
  let open!: () => void;
  let reached!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const held = new Promise<void>((resolve) => (reached = resolve));
  const proxy = new Proxy(store, {
    get(target, prop) {
      if (prop === 'readAll') {
        return async (options: ReadAllOptions = {}): Promise<RecordedEvent[]> => {
          if (!options.raw && ++calls >= holdFromCall) {
            reached();
            await gate;
          }
          const page = await target.readAll(options);
          if (!options.raw && !page.length && afterEmptyPage) {
            const hook = afterEmptyPage;
            afterEmptyPage = undefined;
            await hook();
          }
          return page;
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: proxy, held, open: () => open() };
}

/** Waits for a condition without assuming anything about speed (generous, but short of jest's 30 s test timeout). */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const count = (readModels: ReadModelStore, view: string) => readModels.get<{ c: number }>(`SELECT count(*) AS c FROM ${view}`)!.c;
