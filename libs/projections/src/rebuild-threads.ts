import { rmSync } from 'node:fs';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { countEvents, EventStore } from '@app/event-store';
import { FoldOptions, FoldTarget, StreamPartition } from './fold';
import { Projection } from './projection';
import { ReadModelStore } from './read-model-store';

/**
 * A rebuild spread over threads: each thread opens its own connection to the log, folds its share (a partition of
 * the streams, or some of the projections: see planShares) into a scratch SQLite file, and the runner copies the
 * tables into the read-model file. The thread knows the projections from a module, since functions cannot be sent to it.
 */
export interface RebuildThreadsOptions {
  /** Threads besides the runner's own that take a share of the projections (0: none). */
  count: number;
  /** Absolute path of a module exporting `openRebuildSource` (see OpenRebuildSource). */
  module: string;
  /** Handed to `openRebuildSource` in the thread; must survive structured cloning (paths, settings). */
  data?: unknown;
  /** A log with fewer events folds on the runner's thread alone: a thread costs its start. Default 50,000. */
  minEvents?: number;
}

/** What a rebuild thread opens for itself: a connection to the log (read sealed, closed by the thread) and the projections. */
export interface RebuildSource {
  store: EventStore;
  projections: Projection[];
}

export type OpenRebuildSource = (data: unknown) => RebuildSource | Promise<RebuildSource>;

/** What the runner hands a thread (workerData.rebuildThread). */
export interface ThreadInput {
  module: string;
  data: unknown;
  scratch: string;
  builds: { name: string; generation: number }[];
  pageSize: number;
  unitOfWork?: number;
  until?: bigint;
  partition?: StreamPartition;
}

export type ThreadMessage = { type: 'progress' | 'done'; positions: bigint[] } | { type: 'failed'; message: string };

const DEFAULT_MIN_EVENTS = 50_000;

/**
 * Threads are configured, possible (a read-model file, not memory) and worth their start: the log holds minEvents or
 * more, counted (the count stops there). The head position is no count: on KurrentDB it is a byte offset.
 */
export async function threadsWorthIt(
  threads: RebuildThreadsOptions | undefined,
  readModels: ReadModelStore,
  store: EventStore,
): Promise<boolean> {
  if ((threads?.count ?? 0) <= 0 || readModels.db.memory) return false;
  const minEvents = threads?.minEvents ?? DEFAULT_MIN_EVENTS;
  return (await countEvents(store, minEvents)) >= minEvents;
}

/**
 * How a rebuild spreads over threads: the first share folds on the runner's own thread, the others in threads. One
 * share without `threads` (the caller passes them only when threadsWorthIt). When every
 * projection is `partitioned`, share i folds all of them over partition i of `partitions` up to `until` (the head
 * now), so the log is read once in all; otherwise each share takes whole projections (shareOut).
 */
export function planShares<T extends FoldTarget>(
  targets: T[],
  head: bigint,
  threads: RebuildThreadsOptions | undefined,
): { shares: FoldTarget[][]; until?: bigint; partitions?: number } {
  if (!threads?.count) return { shares: [targets] };
  const count = threads.count;
  if (targets.every((t) => t.projection.partitioned)) {
    const partitions = count + 1;
    const shares = Array.from({ length: partitions }, (_, index) =>
      // the runner's share moves the builds' own positions (what status shows); the threads', copies
      index === 0 ? targets : targets.map((t) => ({ projection: t.projection, build: { ...t.build } })),
    );
    return { shares, until: head, partitions };
  }
  if (targets.length < 2) return { shares: [targets] };
  return { shares: shareOut(targets, Math.min(count, targets.length - 1)) };
}

/**
 * Whole projections into count + 1 shares, balanced by `rebuildCost`: heaviest first, each to the lightest share so
 * far. The runner's thread also serves requests: it keeps the lightest share.
 */
function shareOut<T extends FoldTarget>(targets: T[], count: number): T[][] {
  const cost = (t: T) => t.projection.rebuildCost ?? 1;
  const shares = Array.from({ length: count + 1 }, () => ({ targets: [] as T[], cost: 0 }));
  for (const t of [...targets].sort((a, b) => cost(b) - cost(a))) {
    const lightest = shares.reduce((min, s) => (s.cost < min.cost ? s : min));
    lightest.targets.push(t);
    lightest.cost += cost(t);
  }
  return shares.sort((a, b) => a.cost - b.cost).map((s) => s.targets);
}

/** Where thread `index` of a rebuild writes: beside the read-model file, removed once copied. */
export function scratchPath(readModels: ReadModelStore, index: number): string {
  return `${readModels.db.name}.rebuild-${index}`;
}

export function removeScratch(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
}

/**
 * A thread's entry file (`entry`, a path without its extension, beside this file's build): the compiled one, or the
 * TypeScript source (tests) through a TypeScript loader, as for the thread `module` it loads. Rebuild and replay threads.
 */
export function threadEntry(entry: string, module: string): { file: string; execArgv: string[] | undefined } {
  const ext = extname(__filename);
  const ts = ext === '.ts' || module.endsWith('.ts');
  // undefined: the thread inherits the process's options (profiling, say); options given may not name V8 flags such as --expose-gc
  return { file: `${entry}${ext}`, execArgv: ts ? ['--require', '@swc-node/register'] : undefined };
}

/**
 * Folds the targets to the head (or `until`) in a thread, into its scratch file (see adoptScratch). Settles once the
 * thread has exited; `aborted` is polled and terminates the thread. On failure the scratch file is gone.
 */
export async function foldInThread(
  threads: RebuildThreadsOptions,
  targets: FoldTarget[],
  options: Omit<FoldOptions, 'checkAborted'> & { scratch: string; aborted(): boolean; onPage(): void },
): Promise<void> {
  removeScratch(options.scratch);
  const input: ThreadInput = {
    module: threads.module,
    data: threads.data,
    scratch: options.scratch,
    builds: targets.map((t) => ({ name: t.projection.name, generation: t.build.generation })),
    pageSize: options.pageSize,
    unitOfWork: options.unitOfWork,
    until: options.until,
    partition: options.partition,
  };
  const { file, execArgv } = threadEntry(join(__dirname, 'rebuild-thread'), threads.module);
  try {
    return await new Promise<void>((resolve, reject) => {
      const worker = new Worker(file, { workerData: { rebuildThread: input }, execArgv });
      let outcome: Error | 'done' | undefined;
      const watch = setInterval(() => {
        if (!outcome && options.aborted()) {
          outcome = new Error('the rebuild was abandoned');
          void worker.terminate();
        }
      }, 50);
      const names = targets.map((t) => t.projection.name).join(', ');
      worker.on('message', (m: ThreadMessage) => {
        if (m.type === 'failed') outcome ??= new Error(`rebuild of ${names} failed: ${m.message}`);
        else {
          m.positions.forEach((p, i) => (targets[i].build.position = p));
          if (m.type === 'done') outcome ??= 'done';
          options.onPage();
        }
      });
      worker.on('error', (err) => (outcome ??= err));
      worker.on('exit', (code) => {
        clearInterval(watch);
        if (outcome === 'done' && code === 0) resolve();
        else reject(outcome ?? new Error(`the rebuild thread for ${names} exited with code ${code}`));
      });
    });
  } catch (err) {
    removeScratch(options.scratch);
    throw err;
  }
}

/** Copies the tables a thread folded from its scratch file into the read-model file (see copyGeneration), then removes it. */
export function adoptScratch(readModels: ReadModelStore, targets: FoldTarget[], scratch: string): void {
  try {
    for (const t of targets) readModels.copyGeneration(scratch, t.projection, t.build.generation);
  } finally {
    removeScratch(scratch);
  }
}
