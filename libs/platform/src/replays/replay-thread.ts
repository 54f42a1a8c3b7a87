import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import type { EventStore } from '@app/event-store';
import type { OpenRebuildSource } from '@app/projections';
import type { Replay } from './replay-pool';
import type { ReplayJob, ReplayOutcome, ReplayThreadInput, ReplayThreadMessage } from './replay-threads';

/**
 * The body of a replay thread (see ReplayPool): opens the log as a rebuild thread does, once, then runs the replays it
 * is posted one after another (the pool posts the next only once the last has answered) until the pool ends it.
 */
function serve(input: ReplayThreadInput, port: NonNullable<typeof parentPort>): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const source = require(input.module) as { openRebuildSource: OpenRebuildSource; replays?: Record<string, Replay> };
  let store: Promise<EventStore> | undefined;
  const run = async ({ name, args }: ReplayJob): Promise<unknown> => {
    const replay = source.replays?.[name];
    if (!replay) throw new Error(`${input.module} has no replay named ${name}`);
    store ??= Promise.resolve(source.openRebuildSource(input.data)).then((s) => s.store);
    return replay(await store, args);
  };
  // This thread's heap only (an isolate of its own), garbage included.
  const post = (m: ReplayOutcome) =>
    port.postMessage({ ...m, heapMb: Math.round(getHeapStatistics().used_heap_size / 1048576) } as ReplayThreadMessage);
  port.on('message', (job: ReplayJob) =>
    run(job).then(
      (result) => post({ type: 'done', result }),
      (err: unknown) => post({ type: 'failed', message: err instanceof Error ? err.message : String(err) }),
    ),
  );
}

const input = (workerData as { replayThread?: ReplayThreadInput } | null)?.replayThread;
if (parentPort && input) serve(input, parentPort);
