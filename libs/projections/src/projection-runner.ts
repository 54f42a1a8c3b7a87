import { EventStore, isTransientStoreError } from '@app/event-store';
import { assertValidTables } from './generation-tables';
import { Projection, ProjectionStatus, Reactor } from './projection';
import { ProjectionWorker } from './projection-worker';
import { ReactorWorker } from './reactor-worker';
import { ReadModelStore } from './read-model-store';
import { RecordTimeLag } from './record-time-lag';
import { LogMatch } from './log-match';
import { RebuildThreadsOptions, threadsWorthIt } from './rebuild-threads';
import { ProjectionRunnerOptions } from './runner-options';
import { restartDelay, TransientRestarts } from './transient-restarts';
import { ProgressSignal, waitForPosition } from './wait-for-position';
import { Worker, WorkerContext } from './worker';
import { WorkerLauncher } from './worker-launcher';

export type { ProjectionRunnerOptions } from './runner-options';

/**
 * Runs projections and reactors from their checkpoints over the log. Each worker has its own subscription;
 * a failure stops only that worker (visible in `status()`), and the failing event is never skipped.
 */
export class ProjectionRunner {
  private readonly workers = new Map<string, Worker>();
  private readonly viewOwners = new Map<string, string>();
  private readonly progress = new ProgressSignal();
  private readonly ctx: WorkerContext;
  private readonly waitPollMs: number;
  private readonly threads: RebuildThreadsOptions | undefined;
  private readonly follower: boolean;
  private readonly onProgress: (() => void) | undefined;
  private started = false;
  private stopping = false;
  private readonly lag: RecordTimeLag;
  private readonly restartDelayMs: (failures: number) => number;
  private readonly restarts: TransientRestarts;
  private readonly log: LogMatch;
  private readonly launcher: WorkerLauncher;

  constructor(
    private readonly store: EventStore,
    readonly readModels: ReadModelStore,
    options: ProjectionRunnerOptions = {},
  ) {
    this.ctx = {
      store,
      readModels,
      batchSize: options.batchSize ?? 500,
      onProgress: () => this.notify(),
      onFailure: (worker, err) => this.restarts.failed(worker, err),
    };
    this.lag = new RecordTimeLag(store);
    this.log = new LogMatch(store, readModels);
    this.restartDelayMs = options.restartDelayMs ?? restartDelay;
    this.restarts = new TransientRestarts(
      this.restartDelayMs,
      () => this.active(),
      (worker) => this.launcher.start(worker),
    );
    this.waitPollMs = options.waitPollMs ?? 50;
    this.threads = options.threads;
    const rebuildOptions = { pageSize: options.rebuildPageSize ?? 2000, unitOfWork: options.rebuildUnitOfWork, threads: this.threads };
    this.launcher = new WorkerLauncher(this.ctx, rebuildOptions, { started: () => this.started, stopping: () => this.stopping });
    this.follower = options.follower ?? false;
    this.onProgress = options.onProgress;
  }

  register(projection: Projection): void {
    assertValidTables(projection);
    this.assertNewName(projection.name);
    for (const table of Object.keys(projection.tables)) {
      const owner = this.viewOwners.get(table);
      if (owner) throw new Error(`table ${table} of ${projection.name} is already declared by ${owner}`);
    }
    for (const table of Object.keys(projection.tables)) this.viewOwners.set(table, projection.name);
    this.add(new ProjectionWorker(projection, this.ctx));
  }

  /** Reactors run at-least-once: see `Reactor`. */
  registerReactor(reactor: Reactor): void {
    this.assertNewName(reactor.name);
    this.add(new ReactorWorker(reactor, this.ctx));
  }

  /**
   * Starts every worker from its checkpoint. Projections whose version changed rebuild in the background; so do new
   * ones, all together, over a log long enough for threads (see RebuildThreadsOptions.minEvents): a rebuild over
   * threads builds them far quicker than catching each up batch by batch.
   */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    if (this.follower) return;
    try {
      await this.log.match(this.workers.values());
    } catch (err) {
      if (!isTransientStoreError(err)) throw err;
      const matched = this.log.matchOnceReachable(this.workers, err, this.restartDelayMs, () => this.active());
      void matched.then((ok) => (ok ? this.launchAll() : undefined));
      return;
    }
    await this.launchAll();
  }

  private async launchAll(): Promise<void> {
    const fresh: ProjectionWorker[] = [];
    for (const worker of this.workers.values()) {
      const state = this.launcher.prepare(worker);
      if (state === 'new') fresh.push(worker as ProjectionWorker);
      else this.launcher.launch(worker, state);
    }
    if (!fresh.length) return;
    if (await threadsWorthIt(this.threads, this.readModels, this.store)) void this.launcher.buildNew(fresh);
    else for (const worker of fresh) worker.run();
  }

  /** Builds the projection anew into the next generation while the current one keeps serving, then swaps. */
  async rebuild(name: string): Promise<void> {
    this.assertLeader();
    const worker = this.workers.get(name);
    if (!(worker instanceof ProjectionWorker)) throw new Error(`no projection named ${name}`);
    await this.launcher.rebuild(worker, !worker.current);
  }

  /**
   * Rebuilds every projection from one scan of the log per thread (see rebuildGenerations and the `threads` option);
   * each swaps in as it is done.
   */
  async rebuildAll(): Promise<void> {
    this.assertLeader();
    const workers = [...this.workers.values()].filter((w): w is ProjectionWorker => w instanceof ProjectionWorker);
    await this.launcher.rebuildAll(workers);
  }

  /** Starts a failed or stopped worker again from its checkpoint (after the cause is fixed). */
  restart(name: string): void {
    this.assertLeader();
    const worker = this.get(name);
    if (!this.started) throw new Error('the runner is not started');
    if (!worker.running && !(worker instanceof ProjectionWorker && worker.rebuild)) this.launcher.start(worker);
  }

  async stop(): Promise<void> {
    this.started = false;
    this.restarts.cancel();
    if (this.follower) return;
    this.stopping = true;
    try {
      await this.launcher.settled();
      await Promise.all([...this.workers.values()].map((w) => w.halt()));
    } finally {
      this.stopping = false;
    }
  }

  /**
   * Resolves true once every projection (or the named projection or reactor) includes `position`; false on
   * timeout, or as soon as one of them has failed. A projection being rebuilt for a new version counts only after the swap.
   */
  async waitFor(position: bigint, timeoutMs: number, name?: string): Promise<boolean> {
    const targets = name ? [this.get(name)] : [...this.workers.values()].filter((w) => w instanceof ProjectionWorker);
    const wait = { store: this.store, progress: this.progress, pollMs: this.waitPollMs, refresh: () => this.followStored() };
    return waitForPosition(targets, position, timeoutMs, wait);
  }

  async status(): Promise<ProjectionStatus[]> {
    this.followStored();
    const head = await this.store.headPosition();
    return Promise.all(
      [...this.workers.values()].map(async (w) => {
        const s = await w.status(head);
        return { ...s, lagSeconds: await this.lag.secondsBehind(s.rebuild && !w.running ? s.rebuild.position : s.position, head) };
      }),
    );
  }

  /** Wakes `waitFor` callers to look again: a follower's signal that the projector has moved on. */
  wake(): void {
    this.progress.wake();
  }

  private notify(): void {
    this.wake();
    this.onProgress?.();
    this.log.progressed();
  }

  /** A follower reads what the projector stored (one indexed read per worker). */
  private followStored(): void {
    if (!this.follower) return;
    for (const worker of this.workers.values()) worker.follow(this.readModels.checkpoints.get(worker.name));
  }

  /** Whether workers run now: started, and not stopping. */
  private active(): boolean {
    return this.started && !this.stopping;
  }

  private assertLeader(): void {
    if (this.follower) throw new Error('the projector process runs the projections: ask it (this process only reads them)');
  }

  private add(worker: Worker): void {
    this.workers.set(worker.name, worker);
    if (this.started && !this.follower) this.launcher.start(worker);
  }

  private assertNewName(name: string): void {
    if (this.workers.has(name)) throw new Error(`${name} is already registered`);
  }

  private get(name: string): Worker {
    const worker = this.workers.get(name);
    if (!worker) throw new Error(`no projection or reactor named ${name}`);
    return worker;
  }
}
