import { foldToHead, FoldTarget } from './fold';
import { ProjectionWorker } from './projection-worker';
import { foldInThread, RebuildThreadsOptions, scratchPath, shareOut } from './rebuild-threads';
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
 * Builds generation N+1 from position 0 while generation N keeps serving (and, unless this is an upgrade, keeps
 * being updated by the live worker); then stops the live worker, catches the new generation up to the head and
 * swaps views and checkpoint in one transaction. The caller restarts the worker. On failure the new tables go.
 */
export function rebuildGeneration(worker: ProjectionWorker, ctx: WorkerContext, options: RebuildOptions): Promise<void> {
  return rebuildGenerations([worker], ctx, options);
}

/**
 * The same for several projections at once from one scan of the log per thread (see foldToHead and shareOut); then,
 * one by one, each is caught up and swapped in.
 */
export async function rebuildGenerations(workers: ProjectionWorker[], ctx: WorkerContext, options: RebuildOptions): Promise<void> {
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
  const fold = (targets: FoldTarget[]) =>
    foldToHead(store, readModels, targets, {
      pageSize: options.pageSize,
      unitOfWork: options.unitOfWork,
      checkAborted: () => {
        if (failure !== undefined) throw failure;
        if (options.aborted())
          throw new Error(`rebuild of ${workers.map((w) => w.projection.name).join(', ')} aborted: the runner is stopping`);
      },
      onPage: () => ctx.onProgress(),
    });

  try {
    for (const { projection, build } of builds) readModels.createGeneration(projection, build.generation, false);
    const [own, ...threaded] = shareOut(builds, readModels, await store.headPosition(), options.threads);
    // each share gets its indexes as soon as its tables are complete, while the other shares still fold
    const indexed = (targets: FoldTarget[]) => () => {
      for (const { projection, build } of targets) readModels.createIndexes(projection, build.generation);
    };
    const shares = [
      fold(own).then(indexed(own)),
      ...threaded.map((targets, i) =>
        foldInThread(options.threads!, readModels, targets, {
          pageSize: options.pageSize,
          unitOfWork: options.unitOfWork,
          scratch: scratchPath(readModels, i + 1),
          aborted,
          onPage: () => ctx.onProgress(),
        }).then(indexed(targets)),
      ),
    ].map((share) => share.catch((err: unknown) => void (failure ??= err)));
    await Promise.all(shares);
    if (failure !== undefined) throw failure;
    for (const b of builds) {
      await b.worker.halt();
      await fold([b]); // only what was appended meanwhile: the pause for readers' freshness stays short
      readModels.swapGeneration(b.projection, b.from, b.build.generation, b.build.position);
      b.worker.adopt(b.build.generation, b.build.position);
      b.swapped = true;
    }
  } catch (err) {
    for (const b of builds) if (!b.swapped) readModels.dropGeneration(b.projection, b.build.generation);
    throw err;
  } finally {
    for (const w of workers) w.rebuild = undefined;
    ctx.onProgress();
  }
}
