import { rebuildGenerations, RebuildOptions } from './generation-builder';
import { ProjectionWorker } from './projection-worker';
import { Worker, WorkerContext } from './worker';

/** What a worker's checkpoint says at start (see WorkerLauncher.prepare); reactors are always ready. */
export type Prepared = 'ready' | 'new' | 'outdated';

/** What the launcher asks of its runner: whether it runs workers, and whether it is stopping. */
export interface RunnerState {
  started(): boolean;
  stopping(): boolean;
}

/**
 * Starts the runner's workers from their checkpoints, and runs its rebuilds with its options (threads too: a
 * partitioned projection alone is spread over them by stream), each tracked so that the runner's stop() waits for it.
 */
export class WorkerLauncher {
  private readonly rebuilds = new Set<Promise<void>>();

  constructor(
    private readonly ctx: WorkerContext,
    private readonly options: Pick<RebuildOptions, 'pageSize' | 'unitOfWork' | 'threads'>,
    private readonly runner: RunnerState,
  ) {}

  /** Starts a worker from its checkpoint. */
  start(worker: Worker): void {
    this.launch(worker, this.prepare(worker));
  }

  /**
   * Loads a projection's checkpoint: `ready` to serve and update as it is, `new` (given an empty first generation),
   * or `outdated` (built by another version). Drops what an interrupted rebuild left.
   */
  prepare(worker: Worker): Prepared {
    if (!(worker instanceof ProjectionWorker)) return 'ready';
    let state: Prepared = worker.load() ? 'ready' : worker.generation === 0 ? 'new' : 'outdated';
    if (state === 'new') {
      this.ctx.readModels.install(worker.projection);
      if (!worker.load()) state = 'outdated';
    }
    this.ctx.readModels.dropOtherGenerations(worker.projection, worker.generation); // leftovers of an interrupted rebuild
    return state;
  }

  /** Runs a prepared worker; an outdated projection rebuilds first. */
  launch(worker: Worker, state: Prepared): void {
    if (state === 'outdated')
      void this.rebuild(worker as ProjectionWorker, true).catch(() => {}); // the failure is in status()
    else worker.run();
  }

  /** Settles once every rebuild in hand has (they abandon their work while the runner is stopping). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.rebuilds]);
  }

  /**
   * New projections' first generation, built by one rebuild: readers see it empty until the swap (an upgrade of the
   * empty one). If that fails, each catches up on its own instead, so one projection's failure stays its own.
   */
  async buildNew(workers: ProjectionWorker[]): Promise<void> {
    await this.startRebuild(workers, true).catch(() => undefined); // on failure the empty generations stay, and each catches up live
    for (const w of workers) {
      if (this.runner.started()) w.run();
      else this.ctx.readModels.checkpoints.setStatus(w.name, 'stopped');
    }
  }

  /** One projection built anew, then run; an upgrade that fails fails the worker, another goes on with the old generation. */
  async rebuild(worker: ProjectionWorker, upgrade: boolean): Promise<void> {
    const wasRunning = worker.running;
    try {
      await this.startRebuild([worker], upgrade);
      if (this.runner.started()) worker.run();
      else this.ctx.readModels.checkpoints.setStatus(worker.name, 'stopped');
    } catch (err) {
      if (upgrade && this.runner.stopping()) this.ctx.readModels.checkpoints.setStatus(worker.name, 'stopped');
      else if (upgrade) worker.fail(err);
      else if (wasRunning && this.runner.started() && !worker.running) worker.run();
      throw err;
    }
  }

  /** Every projection from one scan of the log per thread; each swaps in as it is done. */
  async rebuildAll(workers: ProjectionWorker[]): Promise<void> {
    const wasRunning = workers.filter((w) => w.running);
    try {
      await this.startRebuild(workers, false);
    } finally {
      // swapped ones run on their new generation; the others (after a failure) go on with the old one
      for (const w of workers) if (this.runner.started() && !w.running && (wasRunning.includes(w) || w.current)) w.run();
    }
  }

  private startRebuild(workers: ProjectionWorker[], upgrade: boolean): Promise<void> {
    const rebuild = rebuildGenerations(workers, this.ctx, { ...this.options, upgrade, aborted: () => this.runner.stopping() });
    this.rebuilds.add(rebuild);
    const untrack = () => void this.rebuilds.delete(rebuild);
    rebuild.then(untrack, untrack);
    return rebuild;
  }
}
