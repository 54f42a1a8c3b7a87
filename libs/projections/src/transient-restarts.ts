import { isTransientStoreError } from '@app/event-store';
import { Worker } from './worker';

/** The default back-off: 1 s doubling to 30 s. */
export const restartDelay = (failures: number) => Math.min(1000 * 2 ** (failures - 1), 30_000);

/**
 * A worker that failed on the way to the log (a node gone, a leader election; see isTransientStoreError), not on an
 * event, starts again from its checkpoint after a back-off, however often; status shows why meanwhile (`retrying`).
 * A worker that failed on an event stays failed: trying again would fail the same way.
 */
export class TransientRestarts {
  private readonly restarts = new Map<string, { failures: number; timer?: NodeJS.Timeout }>();

  constructor(
    private readonly delayMs: (failures: number) => number,
    /** Whether the runner runs workers now (started, not stopping). */
    private readonly active: () => boolean,
    private readonly start: (worker: Worker) => void,
  ) {}

  /** A worker failed with `err`: schedules its restart if the failure was on the way to the log. */
  failed(worker: Worker, err: unknown): void {
    const entry = this.restarts.get(worker.name) ?? { failures: 0 };
    this.restarts.set(worker.name, entry);
    if (!isTransientStoreError(err) || !this.active()) return;
    entry.failures++;
    const delay = this.delayMs(entry.failures);
    worker.retrying = `restarting in ${delay < 1000 ? `${delay} ms` : `${Math.round(delay / 1000)} s`} after a failure on the way to the log: ${worker.error}`;
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      worker.retrying = undefined;
      if (this.active() && worker.state === 'failed' && !worker.running) this.start(worker);
    }, delay);
    entry.timer.unref?.();
  }

  /** Cancels the pending restarts (the runner stops). */
  cancel(): void {
    for (const entry of this.restarts.values()) clearTimeout(entry.timer);
  }
}
