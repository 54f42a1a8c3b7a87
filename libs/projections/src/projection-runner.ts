import { EventStore, isTransientStoreError } from '@app/event-store';
import { assertValidTables } from './generation-tables';
import { rebuildGenerations } from './generation-builder';
import { Projection, ProjectionStatus, Reactor } from './projection';
import { ProjectionWorker } from './projection-worker';
import { ReactorWorker } from './reactor-worker';
import { ReadModelStore } from './read-model-store';
import { RecordTimeLag } from './record-time-lag';
import { forgetLog, identifyLog, LogIdentityTable, sameLog } from './log-identity';
import { RebuildThreadsOptions, threadsWorthIt } from './rebuild-threads';
import { Worker, WorkerContext } from './worker';

export interface ProjectionRunnerOptions {
  /** Most events per transaction while catching up. Default 500. */
  batchSize?: number;
  /** Events read per page (and transaction) during a rebuild. Default 2000. */
  rebuildPageSize?: number;
  /** Events one unit of work spans during a rebuild (see ProjectionTx.scope). Default 100,000. */
  rebuildUnitOfWork?: number;
  /** How often `waitFor` re-checks besides being woken by progress. Default 50 ms. */
  waitPollMs?: number;
  /** Rebuilds over a long log (rebuild, rebuildAll, new projections at start) spread over these threads (see RebuildThreadsOptions). Default: none. */
  threads?: RebuildThreadsOptions;
  /**
   * Runs nothing: another process (the projector) runs these projections and reactors into the same read-model
   * file, opened here for reading. `status` and `waitFor` read the checkpoints it stores; `wake` is its signal.
   */
  follower?: boolean;
  /** Called after every committed batch and state change (the projector passes it on to the HTTP workers). */
  onProgress?: () => void;
  /** Wait before restarting a worker that failed on the way to the log, after its n-th such failure in a row. Default: 1 s doubling to 30 s. */
  restartDelayMs?: (failures: number) => number;
}

const restartDelay = (failures: number) => Math.min(1000 * 2 ** (failures - 1), 30_000);

/** What a worker's checkpoint says at start (see ProjectionRunner.prepare); reactors are always ready. */
type Prepared = 'ready' | 'new' | 'outdated';

/**
 * Runs projections and reactors from their checkpoints over the log. Each worker has its own subscription;
 * a failure stops only that worker (visible in `status()`), and the failing event is never skipped.
 */
export class ProjectionRunner {
  private readonly workers = new Map<string, Worker>();
  private readonly viewOwners = new Map<string, string>();
  private readonly waiters = new Set<() => void>();
  private readonly rebuilds = new Set<Promise<void>>();
  private readonly ctx: WorkerContext;
  private readonly rebuildPageSize: number;
  private readonly rebuildUnitOfWork: number | undefined;
  private readonly waitPollMs: number;
  private readonly threads: RebuildThreadsOptions | undefined;
  private readonly follower: boolean;
  private readonly onProgress: (() => void) | undefined;
  private started = false;
  private stopping = false;
  private readonly lag: RecordTimeLag;
  private readonly restartDelayMs: (failures: number) => number;
  private readonly restarts = new Map<string, { failures: number; timer?: NodeJS.Timeout }>();
  /** The read-model file's record of its log, while the log is still empty (see matchLog). */
  private logPending?: LogIdentityTable;

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
      onFailure: (worker, err) => this.restartLater(worker, err),
    };
    this.lag = new RecordTimeLag(store);
    this.restartDelayMs = options.restartDelayMs ?? restartDelay;
    this.rebuildPageSize = options.rebuildPageSize ?? 2000;
    this.rebuildUnitOfWork = options.rebuildUnitOfWork;
    this.waitPollMs = options.waitPollMs ?? 50;
    this.threads = options.threads;
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
      await this.matchLog();
    } catch (err) {
      if (!isTransientStoreError(err)) throw err;
      void this.launchOnceLogKnown(err);
      return;
    }
    await this.launchAll();
  }

  /**
   * The log was out of reach at start, so whether the read models are its own is unknown: the workers wait (status
   * says why) and start once matchLog could read it. They could not have read the log meanwhile anyway.
   */
  private async launchOnceLogKnown(err: unknown): Promise<void> {
    for (let failures = 1; ; failures++) {
      const delay = this.restartDelayMs(failures);
      const why = `waiting ${delay} ms for the log, to check it is the one the read models were built from: ${String(err)}`;
      for (const worker of this.workers.values()) worker.retrying = why;
      await new Promise((resolve) => setTimeout(resolve, delay).unref?.());
      if (!this.started || this.stopping) return;
      try {
        await this.matchLog();
        break;
      } catch (next) {
        err = next;
        if (!isTransientStoreError(next)) break;
      }
    }
    for (const worker of this.workers.values()) worker.retrying = undefined;
    if (err !== undefined && !isTransientStoreError(err)) for (const worker of this.workers.values()) worker.fail(err);
    else await this.launchAll();
  }

  private async launchAll(): Promise<void> {
    const fresh: ProjectionWorker[] = [];
    for (const worker of this.workers.values()) {
      const state = this.prepare(worker);
      if (state === 'new') fresh.push(worker as ProjectionWorker);
      else this.launch(worker, state);
    }
    if (!fresh.length) return;
    if (await threadsWorthIt(this.threads, this.readModels, this.store)) void this.buildNew(fresh);
    else for (const worker of fresh) worker.run();
  }

  /**
   * New projections' first generation, built by one rebuild: readers see it empty until the swap (an upgrade of the
   * empty one). If that fails, each catches up on its own instead, so one projection's failure stays its own.
   */
  private async buildNew(workers: ProjectionWorker[]): Promise<void> {
    await this.startRebuild(workers, true).catch(() => undefined); // on failure the empty generations stay, and each catches up live
    for (const w of workers) {
      if (this.started) w.run();
      else this.readModels.checkpoints.setStatus(w.name, 'stopped');
    }
  }

  /** Builds the projection anew into the next generation while the current one keeps serving, then swaps. */
  async rebuild(name: string): Promise<void> {
    this.assertLeader();
    const worker = this.workers.get(name);
    if (!(worker instanceof ProjectionWorker)) throw new Error(`no projection named ${name}`);
    await this.runRebuild(worker, !worker.current);
  }

  /**
   * Rebuilds every projection from one scan of the log per thread (see rebuildGenerations and the `threads` option);
   * each swaps in as it is done.
   */
  async rebuildAll(): Promise<void> {
    this.assertLeader();
    const workers = [...this.workers.values()].filter((w): w is ProjectionWorker => w instanceof ProjectionWorker);
    const wasRunning = workers.filter((w) => w.running);
    try {
      await this.startRebuild(workers, false);
    } finally {
      // swapped ones run on their new generation; the others (after a failure) go on with the old one
      for (const w of workers) if (this.started && !w.running && (wasRunning.includes(w) || w.current)) w.run();
    }
  }

  /** Starts a failed or stopped worker again from its checkpoint (after the cause is fixed). */
  restart(name: string): void {
    this.assertLeader();
    const worker = this.get(name);
    if (!this.started) throw new Error('the runner is not started');
    if (!worker.running && !(worker instanceof ProjectionWorker && worker.rebuild)) this.startWorker(worker);
  }

  async stop(): Promise<void> {
    this.started = false;
    for (const entry of this.restarts.values()) clearTimeout(entry.timer);
    if (this.follower) return;
    this.stopping = true;
    try {
      await Promise.allSettled([...this.rebuilds]);
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
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await this.reachedAll(targets, position)) return true;
      const left = deadline - Date.now();
      if (left <= 0 || targets.some((w) => w.state === 'failed')) return false;
      await this.progressOr(Math.min(left, this.waitPollMs));
    }
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

  /**
   * A worker that failed on the way to the log (a node gone, a leader election; see isTransientStoreError), not on an
   * event, starts again from its checkpoint after a back-off, however often; status shows why meanwhile (`retrying`).
   * A worker that failed on an event stays failed: trying again would fail the same way.
   */
  private restartLater(worker: Worker, err: unknown): void {
    const entry = this.restarts.get(worker.name) ?? { failures: 0 };
    this.restarts.set(worker.name, entry);
    if (!isTransientStoreError(err) || !this.started || this.stopping) return;
    entry.failures++;
    const delay = this.restartDelayMs(entry.failures);
    worker.retrying = `restarting in ${delay < 1000 ? `${delay} ms` : `${Math.round(delay / 1000)} s`} after a failure on the way to the log: ${worker.error}`;
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      worker.retrying = undefined;
      if (this.started && !this.stopping && worker.state === 'failed' && !worker.running) this.startWorker(worker);
    }, delay);
    entry.timer.unref?.();
  }

  private startWorker(worker: Worker): void {
    this.launch(worker, this.prepare(worker));
  }

  /**
   * Loads a projection's checkpoint: `ready` to serve and update as it is, `new` (given an empty first generation),
   * or `outdated` (built by another version). Drops what an interrupted rebuild left.
   */
  private prepare(worker: Worker): Prepared {
    if (!(worker instanceof ProjectionWorker)) return 'ready';
    let state: Prepared = worker.load() ? 'ready' : worker.generation === 0 ? 'new' : 'outdated';
    if (state === 'new') {
      this.readModels.install(worker.projection);
      if (!worker.load()) state = 'outdated';
    }
    this.readModels.dropOtherGenerations(worker.projection, worker.generation); // leftovers of an interrupted rebuild
    return state;
  }

  /** Runs a prepared worker; an outdated projection rebuilds first. */
  private launch(worker: Worker, state: Prepared): void {
    if (state === 'outdated')
      void this.runRebuild(worker as ProjectionWorker, true).catch(() => {}); // the failure is in status()
    else worker.run();
  }

  private async runRebuild(worker: ProjectionWorker, upgrade: boolean): Promise<void> {
    const wasRunning = worker.running;
    try {
      await this.startRebuild([worker], upgrade);
      if (this.started) worker.run();
      else this.readModels.checkpoints.setStatus(worker.name, 'stopped');
    } catch (err) {
      if (upgrade && this.stopping) this.readModels.checkpoints.setStatus(worker.name, 'stopped');
      else if (upgrade) worker.fail(err);
      else if (wasRunning && this.started && !worker.running) worker.run();
      throw err;
    }
  }

  /**
   * A rebuild of these projections with the runner's options (threads too: a partitioned projection alone is spread
   * over them by stream), tracked so that stop() waits for it.
   */
  private startRebuild(workers: ProjectionWorker[], upgrade: boolean): Promise<void> {
    const rebuild = rebuildGenerations(workers, this.ctx, {
      pageSize: this.rebuildPageSize,
      unitOfWork: this.rebuildUnitOfWork,
      upgrade,
      aborted: () => this.stopping,
      threads: this.threads,
    });
    this.rebuilds.add(rebuild);
    const untrack = () => void this.rebuilds.delete(rebuild);
    rebuild.then(untrack, untrack);
    return rebuild;
  }

  private async reachedAll(targets: Worker[], position: bigint): Promise<boolean> {
    this.followStored();
    if (targets.some((w) => w instanceof ProjectionWorker && !w.current)) return false;
    if (targets.every((w) => w.checkpoint >= position)) return true;
    const head = await this.store.headPosition();
    if (head < position) return false;
    for (const w of targets) if ((await w.reached(head)) < position) return false;
    return true;
  }

  private progressOr(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }

  /** Wakes `waitFor` callers to look again: a follower's signal that the projector has moved on. */
  wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private notify(): void {
    this.wake();
    this.onProgress?.();
    if (this.logPending) void this.recordPendingLog();
  }

  /**
   * Read models hold one log's rows at that log's positions. Built from another (another kind or first event: a
   * DATA_DIR pointed at a new store, a re-import), each projection loses its generations and builds anew as a new one
   * would, and reactors start again from this log's beginning (they are at-least-once, so idempotent). A file that
   * names no log yet (new, or older than this record) is taken to be this log's.
   */
  private async matchLog(): Promise<void> {
    const table = new LogIdentityTable(this.readModels.db);
    const recorded = table.get();
    const current = await identifyLog(this.store);
    if (recorded && !(current && sameLog(recorded, current))) forgetLog(this.readModels, this.workers.values());
    if (current) table.set(current);
    else this.logPending = table; // recorded once the first event is folded
  }

  private async recordPendingLog(): Promise<void> {
    const table = this.logPending!;
    this.logPending = undefined;
    if (!(await table.record(this.store).catch(() => false))) this.logPending = table; // tried again after the next batch
  }

  /** A follower reads what the projector stored (one indexed read per worker). */
  private followStored(): void {
    if (!this.follower) return;
    for (const worker of this.workers.values()) worker.follow(this.readModels.checkpoints.get(worker.name));
  }

  private assertLeader(): void {
    if (this.follower) throw new Error('the projector process runs the projections: ask it (this process only reads them)');
  }

  private add(worker: Worker): void {
    this.workers.set(worker.name, worker);
    if (this.started && !this.follower) this.startWorker(worker);
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
