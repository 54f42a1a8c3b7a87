import { FoldOptions, foldToHead, FoldTarget } from './fold';
import { ProjectionWorker } from './projection-worker';
import {
  adoptScratch,
  foldInThread,
  planShares,
  RebuildThreadsOptions,
  removeScratch,
  scratchPath,
  threadsWorthIt,
} from './rebuild-threads';
import { WorkerContext } from './worker';

export interface RebuildOptions {
  pageSize: number;
  /** Events one unit of work spans; default REBUILD_UNIT_OF_WORK. */
  unitOfWork?: number;
  /** The live generation was built by another version: it keeps serving but is no longer updated. */
  upgrade: boolean;
  /** Checked between pages; a stopping runner abandons the rebuild. */
  aborted(): boolean;
  /** Spread the first pass of several projections over threads (see RebuildThreadsOptions). */
  threads?: RebuildThreadsOptions;
}

/**
 * Builds generation N+1 of each projection from position 0 while generation N keeps serving (and, unless this is an
 * upgrade, keeps being updated by the live worker), folding the log once per share (see foldToHead and planShares);
 * then, one by one, stops each live worker, catches its new generation up to the head and swaps views and checkpoint
 * in one transaction. The caller restarts the workers. On failure the new tables go.
 */
export function rebuildGenerations(workers: ProjectionWorker[], ctx: WorkerContext, options: RebuildOptions): Promise<void> {
  return ctx.readModels.withBulkWrites(() => build(workers, ctx, options));
}

async function build(workers: ProjectionWorker[], ctx: WorkerContext, options: RebuildOptions): Promise<void> {
  const { readModels, store } = ctx;
  for (const w of workers) if (w.rebuild) throw new Error(`projection ${w.projection.name} is already rebuilding`);
  const builds = workers.map((worker) => {
    const build = { generation: worker.generation + 1, position: 0n, upgrade: options.upgrade };
    worker.rebuild = build;
    readModels.checkpoints.setStatus(worker.projection.name, 'rebuilding');
    return { worker, projection: worker.projection, from: worker.generation, build, swapped: false };
  });
  ctx.onProgress();

  /** The first failure of any share; the others stop at their next page. */
  let failure: unknown;
  const aborted = () => failure !== undefined || options.aborted();
  const fold = (targets: FoldTarget[], share: Pick<FoldOptions, 'until' | 'partition'> = {}) =>
    foldToHead(store, readModels, targets, {
      pageSize: options.pageSize,
      unitOfWork: options.unitOfWork,
      ...share,
      checkAborted: () => {
        if (aborted())
          throw failure ?? new Error(`rebuild of ${workers.map((w) => w.projection.name).join(', ')} aborted: the runner is stopping`);
      },
      onPage: () => ctx.onProgress(),
    });

  let scratches: string[] = [];
  try {
    for (const { projection, build } of builds) readModels.createGeneration(projection, build.generation, false);
    const threads = (await threadsWorthIt(options.threads, readModels, store)) ? options.threads : undefined;
    const { shares, until, partitions } = planShares(builds, await store.headPosition(), threads);
    /** Where share i stops and which streams it takes. */
    const share = (index: number) => ({ until, ...(partitions && { partition: { count: partitions, index } }) });
    scratches = shares.slice(1).map((_, i) => scratchPath(readModels, i + 1));
    const indexed = (targets: FoldTarget[]) => {
      for (const { projection, build } of targets) readModels.createIndexes(projection, build.generation);
    };
    const adopt = (i: number) => i > 0 && adoptScratch(readModels, shares[i], scratches[i - 1]);
    // By projection, a share's tables are complete once it is in: copied and indexed while the others still fold.
    // By partition, only once all shares are in: then copies (which add up the sums), positions and indexes.
    const byProjection = until === undefined;
    const work = shares.map((targets, i) =>
      (i === 0
        ? fold(targets, share(0))
        : foldInThread(options.threads!, targets, {
            pageSize: options.pageSize,
            unitOfWork: options.unitOfWork,
            ...share(i),
            scratch: scratches[i - 1],
            aborted,
            onPage: () => ctx.onProgress(),
          })
      )
        .then(() => {
          if (!byProjection) return;
          adopt(i);
          indexed(targets);
        })
        .catch((err: unknown) => void (failure ??= err)),
    );
    await Promise.all(work);
    if (failure !== undefined) throw failure;
    if (!byProjection) {
      shares.forEach((_, i) => adopt(i));
      for (const b of builds) b.build.position = until; // every partition holds every event up to here
      indexed(builds);
    }
    for (const b of builds) {
      await b.worker.halt();
      await fold([b]); // only what was appended meanwhile: the pause for readers' freshness stays short
      readModels.swapGeneration(b.projection, b.from, b.build.generation, b.build.position);
      b.worker.adopt(b.build.generation, b.build.position);
      b.swapped = true;
    }
  } catch (err) {
    for (const b of builds) if (!b.swapped) readModels.dropGeneration(b.projection, b.build.generation);
    scratches.forEach(removeScratch);
    throw err;
  } finally {
    for (const w of workers) w.rebuild = undefined;
    ctx.onProgress();
  }
}
