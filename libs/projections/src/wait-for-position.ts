import { EventStore } from '@app/event-store';
import { ProjectionWorker } from './projection-worker';
import { Worker } from './worker';

/** Wakes those waiting for progress (see ProjectionRunner.waitFor): each waits until woken or until its time is up. */
export class ProgressSignal {
  private readonly waiters = new Set<() => void>();

  /** Resolves at the next wake(), or after `ms`. */
  next(ms: number): Promise<void> {
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

  wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

/** What waiting for a position needs of the runner. */
export interface PositionWait {
  store: Pick<EventStore, 'headPosition'>;
  progress: ProgressSignal;
  /** How often to look again besides being woken by progress. */
  pollMs: number;
  /** Brings the workers' checkpoints up to date before each look (a follower reads what the projector stored). */
  refresh(): void;
}

/**
 * Resolves true once every target includes `position`; false on timeout, or as soon as one of them has failed.
 * A projection being rebuilt for a new version counts only after the swap.
 */
export async function waitForPosition(targets: Worker[], position: bigint, timeoutMs: number, wait: PositionWait): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await reachedAll(targets, position, wait)) return true;
    const left = deadline - Date.now();
    if (left <= 0 || targets.some((w) => w.state === 'failed')) return false;
    await wait.progress.next(Math.min(left, wait.pollMs));
  }
}

async function reachedAll(targets: Worker[], position: bigint, wait: PositionWait): Promise<boolean> {
  wait.refresh();
  if (targets.some((w) => w instanceof ProjectionWorker && !w.current)) return false;
  if (targets.every((w) => w.checkpoint >= position)) return true;
  const head = await wait.store.headPosition();
  if (head < position) return false;
  for (const w of targets) if ((await w.reached(head)) < position) return false;
  return true;
}
