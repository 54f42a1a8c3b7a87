import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '@app/event-store';
import { AppConfig } from '../config/app-config';
import { currentRequestContext } from '../http/request-context';
import { rebuildSourceData } from '../projections/projections-host';
import { APP_CONFIG, REBUILD_SOURCE } from '../tokens';
import { ReplayAbandonedError, ReplayThreads } from './replay-threads';

export { ReplayAbandonedError } from './replay-threads';

/**
 * A replay a thread can run by name: the thread module (PlatformOptions.rebuildSource) exports it in `replays`. Its
 * argument and result must survive structured cloning; it reads the log sealed (the thread opens no key store).
 */
export type Replay<A = unknown, R = unknown> = (store: EventStore, args: A, signal?: AbortSignal) => Promise<R>;

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

interface Waiting {
  start(): void;
  /** The pool shuts down before this replay's turn. */
  refuse(): void;
}

/**
 * As-of replays (folds of the log up to a past instant) off the threads that serve requests: each runs in a worker
 * thread with its own connection to the log (ReplayThreads, which keeps a thread for the next replay a while), at most
 * `REPLAY_CONCURRENCY` at a time in this process; up to REPLAY_QUEUE_PER_THREAD × that wait their turn, one more is refused (ReplaysBusyError). A replay whose request goes away
 * (the request's signal, see RequestContext) leaves the queue, or its thread is terminated. Without a thread module (a
 * test's own upcasters) a replay runs on this thread, under the same bound, and stops at its next page when abandoned.
 */
@Injectable()
export class ReplayPool implements OnApplicationShutdown {
  private readonly concurrency: number;
  private readonly queueLimit: number;
  private readonly threads: ReplayThreads | undefined;
  private readonly queue: Waiting[] = [];
  private active = 0;
  private peakActive = 0;
  /** Shutting down: nothing starts any more (a thread started now would outlive the app). */
  private closed = false;

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Inject(REBUILD_SOURCE) module: string | null) {
    this.concurrency = config.replayConcurrency;
    this.queueLimit = REPLAY_QUEUE_PER_THREAD * config.replayConcurrency;
    this.threads = module ? new ReplayThreads(module, rebuildSourceData(config), this.concurrency) : undefined;
  }

  /**
   * Replays running now, waiting now, the most ever running at once, and the threads alive (running or idle): what the
   * tests observe.
   */
  stats(): { running: number; queued: number; peak: number; threads: number } {
    return { running: this.active, queued: this.queue.length, peak: this.peakActive, threads: this.threads?.alive ?? 0 };
  }

  /**
   * Runs the replay `name` of the thread module with `args` in a thread, or `replay` on this thread when there is no
   * module. `signal` defaults to the current request's.
   */
  async run<A, R>(name: string, replay: Replay<A, R>, store: EventStore, args: A, signal = currentRequestContext()?.signal): Promise<R> {
    signal?.throwIfAborted();
    if (this.closed) throw new ReplaysBusyError();
    await this.slot(signal);
    try {
      return this.threads ? ((await this.threads.run(name, args, signal)) as R) : await replay(store, args, signal);
    } finally {
      this.active--;
      this.queue.shift()?.start();
    }
  }

  /**
   * Refuses what waits (503, as when busy: another instance may answer it) and terminates the threads still running;
   * their requests are being closed too.
   */
  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    for (const waiting of this.queue.splice(0)) waiting.refuse();
    await this.threads?.close();
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
        start: () => {
          signal?.removeEventListener('abort', leave);
          this.take();
          resolve();
        },
        refuse: () => {
          signal?.removeEventListener('abort', leave);
          reject(new ReplaysBusyError());
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
}
