import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
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
};
