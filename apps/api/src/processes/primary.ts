import cluster, { Worker } from 'node:cluster';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { AggregatorRegistry } from 'prom-client';
import { AppConfig, ClusterState, DATA_DIR_LOCK_FILE, DataDirLock, isProcessMessage, ProcessMessage, secureDataDir } from '@app/platform';

/** Set by the primary in each child's environment. */
export const ROLE_ENV = 'SYNPUNKT_ROLE';

/** A child that dies again within this window counts towards its back-off... */
const CRASH_WINDOW_MS = 60_000;
/** ...which doubles from this delay with each death in the window, up to MAX_BACKOFF_MS. */
const FIRST_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 30_000;
/** SIGTERM lets a child drain its requests (or finish its batch); one still running after this is killed. */
const DRAIN_TIMEOUT_MS = 30_000;

interface Slot {
  role: 'worker' | 'projector';
  /** 1-based for workers, for the log. */
  index: number;
  child?: Worker;
  ready: boolean;
  /** Its first start succeeded: only then does the primary restart it when it dies (a failed first start fails start()). */
  started: boolean;
  deaths: number[];
  restarts: number;
  timer?: NodeJS.Timeout;
}

/**
 * The primary of `npm start` (ARCHITECTURE.md, "Processes (one host)"): holds the DATA_DIR lock, forks the projector
 * and then WORKERS HTTP workers on one shared port, relays their signals, restarts whichever dies (with back-off when it
 * keeps dying), combines their metrics, and at SIGTERM stops the workers first (they drain their requests) and the
 * projector last.
 */
export class Primary {
  private readonly projector: Slot = { role: 'projector', index: 0, ready: false, started: false, deaths: [], restarts: 0 };
  private readonly workers: Slot[];
  private readonly metrics = new AggregatorRegistry();
  private readonly lock: DataDirLock;
  private stopping?: Promise<void>;
  private port?: number;

  constructor(
    private readonly config: AppConfig,
    private readonly logger: Logger,
  ) {
    this.workers = Array.from({ length: config.workers }, (_, i) => ({
      role: 'worker',
      index: i + 1,
      ready: false,
      started: false,
      deaths: [],
      restarts: 0,
    }));
    this.lock = new DataDirLock(join(config.dataDir, DATA_DIR_LOCK_FILE));
  }

  /** Resolves once the projector and every worker have started; rejects (after stopping what started) if one cannot. */
  async start(): Promise<{ port: number }> {
    secureDataDir(this.config.dataDir, { keyStorePath: this.config.keyStorePath });
    this.lock.acquire();
    // Children run what this process runs (its script and flags: under test, the TypeScript sources).
    cluster.setupPrimary({ exec: process.argv[1], execArgv: process.execArgv, args: process.argv.slice(2) });
    try {
      await this.firstStart(this.projector); // the read models exist (and are migrated) before any worker opens them
      await Promise.all(this.workers.map((w) => this.firstStart(w)));
    } catch (err) {
      await this.stop();
      throw err;
    }
    return { port: this.port! };
  }

  /** Workers first, so that their draining requests still see the projector move; then the projector; then the lock. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      for (const slot of [...this.workers, this.projector]) clearTimeout(slot.timer);
      await Promise.all(this.workers.map((w) => this.terminate(w)));
      await this.terminate(this.projector);
      this.lock.release();
    })();
    return this.stopping;
  }

  private firstStart(slot: Slot): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = this.fork(slot);
      const onExit = (code: number | null, signal: string | null) =>
        reject(new Error(`the ${slot.role} exited while starting (${signal ?? `code ${code}`}); see its output above`));
      child.once('exit', onExit);
      child.once('message', function ready(this: Worker, m: unknown) {
        if (!isProcessMessage(m) || m.synpunkt !== 'ready') return void child.once('message', ready);
        child.off('exit', onExit);
        slot.started = true;
        resolve();
      });
    });
  }

  private fork(slot: Slot): Worker {
    const child = cluster.fork({ [ROLE_ENV]: slot.role });
    slot.child = child;
    slot.ready = false;
    child.on('message', (m: unknown) => isProcessMessage(m) && this.receive(slot, m));
    child.on('exit', (code, signal) => this.exited(slot, child, code, signal));
    // A message to a child that has just died fails after send() returned (EPIPE on the channel): an 'error' event with
    // no listener would end the primary, and with it every worker. The exit handler restarts the child.
    child.on('error', (err: NodeJS.ErrnoException) =>
      this.logger.warn({ role: slot.role, pid: child.process.pid, code: err.code }, `${this.describe(slot)}: a message to it failed`),
    );
    return child;
  }

  private receive(slot: Slot, m: ProcessMessage): void {
    switch (m.synpunkt) {
      case 'ready':
        slot.ready = true;
        if (m.port) this.port = m.port;
        this.broadcastState();
        return;
      case 'appended':
      case 'projector':
        this.sendTo(this.projector, m);
        return;
      case 'advanced':
        for (const w of this.workers) this.sendTo(w, m);
        return;
      case 'metrics':
        this.metrics.clusterMetrics().then(
          (text) => this.sendTo(slot, { synpunkt: 'metrics-result', id: m.id, text }),
          (err: Error) => this.sendTo(slot, { synpunkt: 'metrics-result', id: m.id, error: err.message }),
        );
        return;
    }
  }

  private exited(slot: Slot, child: Worker, code: number | null, signal: string | null): void {
    if (slot.child !== child) return;
    slot.child = undefined;
    slot.ready = false;
    this.broadcastState();
    // During its first start firstStart reports the exit and start() fails; "restarting it" would contradict that.
    if (this.stopping || !slot.started) return;
    const now = Date.now();
    slot.deaths = [...slot.deaths.filter((t) => now - t < CRASH_WINDOW_MS), now];
    const delay = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (slot.deaths.length - 1));
    this.logger.error(
      { role: slot.role, pid: child.process.pid, code, signal, diedInLastMinute: slot.deaths.length, restartInMs: delay },
      `${this.describe(slot)} (pid ${child.process.pid}) died (${signal ?? `exit code ${code}`}); restarting it in ${delay} ms`,
    );
    slot.timer = setTimeout(() => {
      slot.restarts++;
      const next = this.fork(slot);
      this.logger.info({ role: slot.role, pid: next.process.pid }, `${this.describe(slot)} restarted (pid ${next.process.pid})`);
    }, delay);
  }

  private terminate(slot: Slot): Promise<void> {
    const child = slot.child;
    if (!child || child.isDead()) return Promise.resolve();
    return new Promise((resolve) => {
      const kill = setTimeout(() => child.process.kill('SIGKILL'), DRAIN_TIMEOUT_MS);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.process.kill('SIGTERM');
    });
  }

  private sendTo(slot: Slot, m: ProcessMessage): void {
    const child = slot.child;
    if (!child || !child.isConnected()) return;
    try {
      child.send(m);
    } catch {
      // it is dying; its exit handler restarts it
    }
  }

  private broadcastState(): void {
    const state: ClusterState = {
      workers: {
        wanted: this.workers.length,
        pids: this.workers.filter((w) => w.ready && w.child).map((w) => w.child!.process.pid!),
        restarts: this.workers.reduce((n, w) => n + w.restarts, 0),
      },
      projector: { pid: this.projector.ready ? this.projector.child?.process.pid : undefined, restarts: this.projector.restarts },
    };
    for (const w of this.workers) this.sendTo(w, { synpunkt: 'cluster', state });
  }

  private describe(slot: Slot): string {
    return slot.role === 'projector' ? 'the projector' : `HTTP worker ${slot.index}`;
  }
}
