import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RebuildSourceData, Replay } from '@app/platform';
import { openRebuildSource as openAppSource, replays as appReplays } from '../../apps/api/src/rebuild-source';

// A replay thread module for replays.e2e-spec.ts: the app's own, whose every replay first spins its thread's CPU until
// the file RELEASE_FILE appears in DATA_DIR, having written SPINNING_FILE there. A deliberately long replay: on the
// thread serving requests, it would stop them all.
export const RELEASE_FILE = 'replays-release';
export const SPINNING_FILE = 'replays-spinning';
let dataDir = '';

export function openRebuildSource(data: unknown) {
  dataDir = (data as RebuildSourceData).dataDir;
  return openAppSource(data);
}

const spin = (): void => {
  writeFileSync(join(dataDir, SPINNING_FILE), '');
  while (!existsSync(join(dataDir, RELEASE_FILE))) {
    // busy: no await, so nothing else runs on this thread meanwhile
  }
};

export const replays: Record<string, Replay> = Object.fromEntries(
  Object.entries(appReplays).map(([name, replay]) => [
    name,
    (async (store, args, signal) => (spin(), replay(store, args, signal))) as Replay,
  ]),
);
