import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { threadId } from 'node:worker_threads';
import type { EventStore } from '@app/event-store';
import type { Replay } from '../src/replays/replay-pool';

/** A replay thread module for the pool's tests: no log, and a replay that holds its thread until a file appears. */
export function openRebuildSource() {
  return { store: { close: async () => undefined } as unknown as EventStore, projections: [] };
}

export const replays: Record<string, Replay> = {
  hold: async (_store, args) => {
    const { release, answer } = args as { release: string; answer: string };
    while (!existsSync(release)) await sleep(5);
    return answer;
  },
  /** Which thread ran it: a thread is kept for the next replay. */
  thread: async () => threadId,
  /** Leaves its thread's heap at about 160 MB (20M doubles, kept): more than a thread is kept with. */
  bloat: async () => (kept.push(new Array<number>(20_000_000).fill(1.5)), threadId),
  /** Makes as much heap as `bloat` but keeps none of it (a report's facts once its answer is posted): garbage only. */
  litter: async () => (new Array<number>(20_000_000).fill(1.5).length, threadId),
};

const kept: number[][] = [];
