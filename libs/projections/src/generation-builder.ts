import { applyInTransaction, endUnitOfWork } from './apply-events';
import { ProjectionWorker } from './projection-worker';
import { WorkerContext } from './worker';

export interface RebuildOptions {
  pageSize: number;
  /** Events one unit of work spans; default REBUILD_UNIT_OF_WORK. */
  unitOfWork?: number;
  /** The live generation was built by another version: it keeps serving but is no longer updated. */
  upgrade: boolean;
  /** Checked between pages; a stopping runner abandons the rebuild. */
  aborted(): boolean;
}

/**
 * How many events of a rebuild one unit of work spans (see ProjectionTx.scope): a projection that keeps rows in
 * memory writes each row once per this many events, and holds at most this many events' rows.
 */
const REBUILD_UNIT_OF_WORK = 100_000;

const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Builds generation N+1 from position 0 while generation N keeps serving (and, unless this is an upgrade, keeps
 * being updated by the live worker); then stops the live worker, catches the new generation up to the head and
 * swaps views and checkpoint in one transaction. The caller restarts the worker. On failure the new tables go.
 */
export function rebuildGeneration(worker: ProjectionWorker, ctx: WorkerContext, options: RebuildOptions): Promise<void> {
  return rebuildGenerations([worker], ctx, options);
}

/**
 * The same for several projections at once from one scan of the log: each page is read once and applied to every
 * new generation (each keeps only the events its filter takes); then, one by one, each is caught up and swapped in.
 */
export async function rebuildGenerations(workers: ProjectionWorker[], ctx: WorkerContext, options: RebuildOptions): Promise<void> {
  const { readModels, store } = ctx;
  for (const w of workers) if (w.rebuild) throw new Error(`projection ${w.projection.name} is already rebuilding`);
  const builds = workers.map((worker) => {
    const build = { generation: worker.generation + 1, position: 0n, upgrade: options.upgrade };
    worker.rebuild = build;
    readModels.checkpoints.setStatus(worker.projection.name, 'rebuilding');
    return { worker, from: worker.generation, build, swapped: false, work: { scope: {}, events: 0 } };
  });
  ctx.onProgress();

  const checkAborted = () => {
    if (options.aborted())
      throw new Error(`rebuild of ${workers.map((w) => w.projection.name).join(', ')} aborted: the runner is stopping`);
  };
  /** Folds pages into the builds from `after` until the head; one build reads through its own filter. */
  const foldToHead = async (targets: typeof builds) => {
    const filter = targets.length === 1 ? targets[0].worker.projection.filter : {};
    let after = targets.reduce((min, t) => (t.build.position < min ? t.build.position : min), targets[0].build.position);
    for (;;) {
      checkAborted();
      const page = await store.readAll({ ...filter, after, limit: options.pageSize, sealed: true });
      if (!page.length) break;
      for (const { worker, build, work } of targets) {
        const mine = page.filter((e) => e.position > build.position);
        if (!mine.length) continue;
        work.events += mine.length;
        const end = work.events >= (options.unitOfWork ?? REBUILD_UNIT_OF_WORK);
        build.position = applyInTransaction(readModels, worker.projection, build.generation, mine, false, { scope: work.scope, end });
        if (end) Object.assign(work, { scope: {}, events: 0 });
      }
      after = page[page.length - 1].position;
      ctx.onProgress();
      await yieldTurn();
    }
    for (const { worker, build, work } of targets) {
      if (!work.events) continue;
      endUnitOfWork(readModels, worker.projection, build.generation, work.scope);
      Object.assign(work, { scope: {}, events: 0 });
    }
  };

  try {
    for (const { worker, build } of builds) readModels.createGeneration(worker.projection, build.generation, false);
    await foldToHead(builds);
    for (const { worker, build } of builds) readModels.createIndexes(worker.projection, build.generation);
    for (const b of builds) {
      await b.worker.halt();
      await foldToHead([b]); // only what was appended meanwhile: the pause for readers' freshness stays short
      readModels.swapGeneration(b.worker.projection, b.from, b.build.generation, b.build.position);
      b.worker.adopt(b.build.generation, b.build.position);
      b.swapped = true;
    }
  } catch (err) {
    for (const b of builds) if (!b.swapped) readModels.dropGeneration(b.worker.projection, b.build.generation);
    throw err;
  } finally {
    for (const w of workers) w.rebuild = undefined;
    ctx.onProgress();
  }
}
