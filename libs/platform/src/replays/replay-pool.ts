import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EventStore } from '@app/event-store';
import { AppConfig } from '../config/app-config';
import { currentRequestContext } from '../http/request-context';
import { RebuildSourceData } from '../projections/projections-host';
import { APP_CONFIG, REBUILD_SOURCE } from '../tokens';

/**
 * A replay a thread can run by name: the thread module (PlatformOptions.rebuildSource) exports it in `replays`. Its
 * argument and result must survive structured cloning; it reads the log sealed (the thread opens no key store).
 */
export type Replay<A = unknown, R = unknown> = (store: EventStore, args: A, signal?: AbortSignal) => Promise<R>;

/** What a replay thread is handed (workerData.replayThread). */
export interface ReplayThreadInput {
  module: string;
  data: RebuildSourceData;
  name: string;
  args: unknown;
}

export type ReplayThreadMessage = { type: 'done'; result: unknown } | { type: 'failed'; message: string };

/** Replays waiting for a thread, per thread the pool may run (REPLAY_CONCURRENCY); one more is refused (503). */
export const REPLAY_QUEUE_PER_THREAD = 4;

/** What the caller of a refused replay is told to wait before asking again. */
export const REPLAY_RETRY_AFTER_SECONDS = 5;

/** Every replay thread is busy and the queue is full: answered 503 with Retry-After. */
export class ReplaysBusyError extends Error {
  readonly retryAfterSeconds = REPLAY_RETRY_AFTER_SECONDS;
  constructor() {
    super('Too many as-of replays are running or waiting; try again shortly.');
    this.name = 'ReplaysBusyError';
  }
}

/** The replay was given up: the request that asked for it went away. */
export class ReplayAbandonedError extends Error {
  constructor() {
    super('the replay was abandoned: its request went away');
    this.name = 'ReplayAbandonedError';
  }
}

interface Waiting {
  start(): void;
  signal?: AbortSignal;
}

/**
 * As-of replays (folds of the log up to a past instant) off the threads that serve requests: each runs in a worker
 * thread of its own with its own connection to the log, at most `REPLAY_CONCURRENCY` at a time in this process; up to
 * REPLAY_QUEUE_PER_THREAD × that wait their turn, one more is refused (ReplaysBusyError). A replay whose request goes away
 * (the request's signal, see RequestContext) leaves the queue, or its thread is terminated. Without a thread module (a
 * test's own upcasters) a replay runs on this thread, under the same bound, and stops at its next page when abandoned.
 */
@Injectable()
export class ReplayPool implements OnApplicationShutdown {
  private readonly concurrency: number;
  private readonly queueLimit: number;
  private readonly data: RebuildSourceData;
  private readonly queue: Waiting[] = [];
  private readonly workers = new Set<Worker>();
  private active = 0;
  private peakActive = 0;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(REBUILD_SOURCE) private readonly module: string | null,
  ) {
    this.concurrency = config.replayConcurrency;
    this.queueLimit = REPLAY_QUEUE_PER_THREAD * config.replayConcurrency;
    this.data = {
      dataDir: config.dataDir,
      eventStoreConnectionString: config.eventStoreConnectionString,
      eventStorePath: config.eventStorePath,
    };
  }

  /** Replays running now, waiting now, and the most ever running at once (what the tests observe). */
  stats(): { running: number; queued: number; peak: number } {
    return { running: this.active, queued: this.queue.length, peak: this.peakActive };
  }

  /**
   * Runs the replay `name` of the thread module with `args` in a thread, or `replay` on this thread when there is no
   * module. `signal` defaults to the current request's.
   */
  async run<A, R>(name: string, replay: Replay<A, R>, store: EventStore, args: A, signal = currentRequestContext()?.signal): Promise<R> {
    signal?.throwIfAborted();
    await this.slot(signal);
    try {
      return this.module ? ((await this.inThread(this.module, name, args, signal)) as R) : await replay(store, args, signal);
    } finally {
      this.active--;
      this.queue.shift()?.start();
    }
  }

  /** Terminates the threads still running (their requests are being closed too). */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.workers].map((w) => w.terminate()));
  }

  /** Resolves when this replay may run (counted in `active`); rejects when the queue is full or the request goes away. */
  private slot(signal: AbortSignal | undefined): Promise<void> {
    if (this.active < this.concurrency) {
      this.take();
      return Promise.resolve();
    }
    if (this.queue.length >= this.queueLimit) return Promise.reject(new ReplaysBusyError());
    return new Promise<void>((resolve, reject) => {
      const waiting: Waiting = {
        signal,
        start: () => {
          signal?.removeEventListener('abort', leave);
          this.take();
          resolve();
        },
      };
      const leave = () => {
        const at = this.queue.indexOf(waiting);
        if (at >= 0) this.queue.splice(at, 1);
        reject(new ReplayAbandonedError());
      };
      signal?.addEventListener('abort', leave, { once: true });
      this.queue.push(waiting);
    });
  }

  private take(): void {
    this.active++;
    this.peakActive = Math.max(this.peakActive, this.active);
  }

  private inThread(module: string, name: string, args: unknown, signal: AbortSignal | undefined): Promise<unknown> {
    const input: ReplayThreadInput = { module, data: this.data, name, args };
    const ext = extname(__filename);
    // TypeScript sources (tests) load through a TypeScript loader; undefined: the thread inherits the process's options
    const execArgv = ext === '.ts' || module.endsWith('.ts') ? ['--require', '@swc-node/register'] : undefined;
    return new Promise((resolve, reject) => {
      const worker = new Worker(join(__dirname, `replay-thread${ext}`), { workerData: { replayThread: input }, execArgv });
      this.workers.add(worker);
      let outcome: { result: unknown } | Error | undefined;
      const abandon = () => {
        outcome ??= new ReplayAbandonedError();
        void worker.terminate();
      };
      signal?.addEventListener('abort', abandon, { once: true });
      worker.on('message', (m: ReplayThreadMessage) => {
        outcome ??= m.type === 'done' ? { result: m.result } : new Error(`replay ${name} failed: ${m.message}`);
      });
      worker.on('error', (err) => (outcome ??= err));
      worker.on('exit', (code) => {
        signal?.removeEventListener('abort', abandon);
        this.workers.delete(worker);
        if (outcome && !(outcome instanceof Error)) resolve(outcome.result);
        else reject(outcome ?? new Error(`the replay thread for ${name} exited with code ${code}`));
      });
    });
  }
}
