import { parentPort, workerData } from 'node:worker_threads';
import type { OpenRebuildSource } from '@app/projections';
import type { Replay, ReplayThreadInput, ReplayThreadMessage } from './replay-pool';

/** The body of a replay thread (see ReplayPool): opens the log as a rebuild thread does, runs one replay, closes it. */
async function run(input: ReplayThreadInput): Promise<unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const source = require(input.module) as { openRebuildSource: OpenRebuildSource; replays?: Record<string, Replay> };
  const replay = source.replays?.[input.name];
  if (!replay) throw new Error(`${input.module} has no replay named ${input.name}`);
  const { store } = await source.openRebuildSource(input.data);
  try {
    return await replay(store, input.args);
  } finally {
    await store.close();
  }
}

const input = (workerData as { replayThread?: ReplayThreadInput } | null)?.replayThread;
if (parentPort && input) {
  const port = parentPort;
  const post = (m: ReplayThreadMessage) => port.postMessage(m);
  run(input).then(
    (result) => post({ type: 'done', result }),
    (err: unknown) => post({ type: 'failed', message: err instanceof Error ? err.message : String(err) }),
  );
}
