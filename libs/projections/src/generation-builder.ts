import { applyInTransaction } from './apply-events';
import { ProjectionWorker } from './projection-worker';
import { WorkerContext } from './worker';

export interface RebuildOptions {
  pageSize: number;
  /** The live generation was built by another version: it keeps serving but is no longer updated. */
  upgrade: boolean;
  /** Checked between pages; a stopping runner abandons the rebuild. */
  aborted(): boolean;
}

const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Builds generation N+1 from position 0 while generation N keeps serving (and, unless this is an upgrade, keeps
 * being updated by the live worker); then stops the live worker, catches the new generation up to the head and
 * swaps views and checkpoint in one transaction. The caller restarts the worker. On failure the new tables go.
 */
export async function rebuildGeneration(worker: ProjectionWorker, ctx: WorkerContext, options: RebuildOptions): Promise<void> {
  const { projection } = worker;
  const { readModels, store } = ctx;
  if (worker.rebuild) throw new Error(`projection ${projection.name} is already rebuilding`);
  const from = worker.generation;
  const build = { generation: from + 1, position: 0n, upgrade: options.upgrade };
  worker.rebuild = build;
  readModels.checkpoints.setStatus(projection.name, 'rebuilding');
  ctx.onProgress();

  const foldToHead = async () => {
    for (;;) {
      if (options.aborted()) throw new Error(`rebuild of ${projection.name} aborted: the runner is stopping`);
      const page = await store.readAll({ ...projection.filter, after: build.position, limit: options.pageSize, sealed: true });
      if (!page.length) return;
      build.position = applyInTransaction(readModels, projection, build.generation, page, false);
      ctx.onProgress();
      await yieldTurn();
    }
  };

  try {
    readModels.createGeneration(projection, build.generation, false);
    await foldToHead();
    readModels.createIndexes(projection, build.generation);
    await worker.halt();
    await foldToHead(); // only what was appended meanwhile: the pause for readers' freshness stays short
    readModels.swapGeneration(projection, from, build.generation, build.position);
    worker.adopt(build.generation, build.position);
  } catch (err) {
    readModels.dropGeneration(projection, build.generation);
    throw err;
  } finally {
    worker.rebuild = undefined;
    ctx.onProgress();
  }
}
