import { EventStore, isTransientStoreError } from '@app/event-store';
import { forgetLog, identifyLog, LogIdentityTable, sameLog } from './log-identity';
import { ReadModelStore } from './read-model-store';
import { Worker } from './worker';

/**
 * Read models hold one log's rows at that log's positions. Built from another (another kind or first event: a
 * DATA_DIR pointed at a new store, a re-import), each projection loses its generations and builds anew as a new one
 * would, and reactors start again from this log's beginning (they are at-least-once, so idempotent). A file that
 * names no log yet (new, or older than this record) is taken to be this log's.
 */
export class LogMatch {
  /** The read-model file's record of its log, while the log is still empty (recorded once the first event is folded). */
  private pending?: LogIdentityTable;

  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModelStore,
  ) {}

  async match(workers: Iterable<Worker>): Promise<void> {
    const table = new LogIdentityTable(this.readModels.db);
    const recorded = table.get();
    const current = await identifyLog(this.store);
    if (recorded && !(current && sameLog(recorded, current))) forgetLog(this.readModels, workers);
    if (current) table.set(current);
    else this.pending = table; // recorded once the first event is folded
  }

  /**
   * The log was out of reach at start, so whether the read models are its own is unknown: the workers wait (status
   * says why) and start once the log could be read, after a back-off between tries. They could not have read the log
   * meanwhile anyway. True once matched; false if the runner stopped meanwhile, or the log failed otherwise (then the
   * workers fail with that error).
   */
  async matchOnceReachable(
    workers: Map<string, Worker>,
    err: unknown,
    delayMs: (failures: number) => number,
    active: () => boolean,
  ): Promise<boolean> {
    for (let failures = 1; ; failures++) {
      const delay = delayMs(failures);
      const why = `waiting ${delay} ms for the log, to check it is the one the read models were built from: ${String(err)}`;
      for (const worker of workers.values()) worker.retrying = why;
      await new Promise((resolve) => setTimeout(resolve, delay).unref?.());
      if (!active()) return false;
      try {
        await this.match(workers.values());
        break;
      } catch (next) {
        err = next;
        if (!isTransientStoreError(next)) break;
      }
    }
    for (const worker of workers.values()) worker.retrying = undefined;
    if (err === undefined || isTransientStoreError(err)) return true;
    for (const worker of workers.values()) worker.fail(err);
    return false;
  }

  /** After progress: a log still to be recorded may have its first event now. */
  progressed(): void {
    if (this.pending) void this.recordPending();
  }

  private async recordPending(): Promise<void> {
    const table = this.pending!;
    this.pending = undefined;
    if (!(await table.record(this.store).catch(() => false))) this.pending = table; // tried again after the next batch
  }
}
