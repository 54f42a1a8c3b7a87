import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { threadEntry } from '@app/projections';
import type { RebuildSourceData } from '../projections/projections-host';

/** What a replay thread is handed when it starts (workerData.replayThread): it then runs one ReplayJob after another. */
export interface ReplayThreadInput {
  module: string;
  data: RebuildSourceData;
}

/** One replay, posted to an idle thread. */
export interface ReplayJob {
  name: string;
  args: unknown;
}

/** A replay's outcome, with how large the thread's heap is after it (garbage included: see REPLAY_THREAD_KEEP_HEAP_MB). */
export type ReplayThreadMessage = ReplayOutcome & { heapMb: number };
export type ReplayOutcome = { type: 'done'; result: unknown } | { type: 'failed'; message: string };

/**
 * How long a thread stays after its replay, for the next one: starting one (loading the thread module, opening the log)
 * costs more than a case's as-of fold. Then it ends, and its heap (a replay of a long log is large) goes with it.
 */
export const REPLAY_THREAD_IDLE_MS = 60_000;

/**
 * A thread whose heap is larger than this after its replay ends instead of waiting for the next: an idle thread does not
 * collect its garbage, and four yearly replays of a 1M log left two idle threads holding 1.1 GB between them. Ending it
 * frees that at once; a case's as-of fold leaves a thread far below it. The heap is measured after a full collection
 * where the thread can run one (replay-thread.ts), so it is what the thread keeps, not its last replay's garbage.
 */
export const REPLAY_THREAD_KEEP_HEAP_MB = 128;

/** The replay was given up: the request that asked for it went away. */
export class ReplayAbandonedError extends Error {
  constructor() {
    super('the replay was abandoned: its request went away');
    this.name = 'ReplayAbandonedError';
  }
}

/**
 * The worker threads of a ReplayPool, which bounds how many run at once: each loads the thread module and opens the log
 * once, then runs replays one at a time; up to `keep` idle ones wait REPLAY_THREAD_IDLE_MS for the next. A replay whose
 * request goes away has its thread terminated: a fold cannot be interrupted otherwise.
 */
export class ReplayThreads {
  private readonly workers = new Set<Worker>();
  /** Threads done with their replay, waiting for the next, with the timer that ends them. */
  private readonly idle = new Map<Worker, NodeJS.Timeout>();

  constructor(
    private readonly module: string,
    private readonly data: RebuildSourceData,
    private readonly keep: number,
  ) {}

  /** Threads alive, running or idle. */
  get alive(): number {
    return this.workers.size;
  }

  run(name: string, args: unknown, signal: AbortSignal | undefined): Promise<unknown> {
    const worker = this.thread();
    return new Promise((resolve, reject) => {
      const job: ReplayJob = { name, args };
      const done = () => {
        signal?.removeEventListener('abort', abandon);
        worker.off('message', answered);
        worker.off('error', crashed);
        worker.off('exit', exited);
      };
      // Terminated: it settles once the thread has exited, so the slot is free when the caller hears of it.
      const abandon = () => {
        done();
        void worker.terminate().then(() => reject(new ReplayAbandonedError()));
      };
      const answered = (m: ReplayThreadMessage) => {
        done();
        this.release(worker, m.heapMb);
        if (m.type === 'done') resolve(m.result);
        else reject(new Error(`replay ${name} failed: ${m.message}`));
      };
      let error: Error | undefined;
      const crashed = (err: Error) => (error ??= err);
      const exited = (code: number) => {
        done();
        reject(error ?? new Error(`the replay thread for ${name} exited with code ${code}`));
      };
      signal?.addEventListener('abort', abandon, { once: true });
      worker.on('message', answered);
      worker.on('error', crashed);
      worker.on('exit', exited);
      worker.postMessage(job);
    });
  }

  /** Terminates every thread, idle or running (their requests are being closed too). */
  async close(): Promise<void> {
    for (const timer of this.idle.values()) clearTimeout(timer);
    this.idle.clear();
    await Promise.all([...this.workers].map((w) => w.terminate()));
  }

  /** The thread idle the shortest time (its code the warmest), or a new one. */
  private thread(): Worker {
    const idle = [...this.idle.keys()].pop();
    if (idle) {
      clearTimeout(this.idle.get(idle));
      this.idle.delete(idle);
      idle.ref();
      return idle;
    }
    const input: ReplayThreadInput = { module: this.module, data: this.data };
    const { file, execArgv } = threadEntry(join(__dirname, 'replay-thread'), this.module);
    const worker = new Worker(file, { workerData: { replayThread: input }, execArgv });
    this.workers.add(worker);
    // An idle thread that fails has no replay to tell: it just ends (an unheard 'error' would throw here).
    worker.on('error', () => undefined);
    worker.once('exit', () => {
      this.workers.delete(worker);
      clearTimeout(this.idle.get(worker));
      this.idle.delete(worker);
    });
    return worker;
  }

  /** Keeps a thread whose replay ended for the next one (unreferenced: an idle thread does not hold the process open). */
  private release(worker: Worker, heapMb: number): void {
    if (this.idle.size >= this.keep || heapMb > REPLAY_THREAD_KEEP_HEAP_MB) return void worker.terminate();
    worker.unref();
    this.idle.set(worker, setTimeout(() => void worker.terminate(), REPLAY_THREAD_IDLE_MS).unref());
  }
}
