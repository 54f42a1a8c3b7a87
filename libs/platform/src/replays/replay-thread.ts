import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
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
  const collect = garbageCollector();
  // This thread's heap only (an isolate of its own), after collecting the replay's garbage where it can.
  const post = (m: ReplayOutcome) => {
    collect?.();
    port.postMessage({ ...m, heapMb: Math.round(getHeapStatistics().used_heap_size / 1048576) } as ReplayThreadMessage);
  };
  port.on('message', (job: ReplayJob) =>
    run(job).then(
      (result) => post({ type: 'done', result }),
      (err: unknown) => post({ type: 'failed', message: err instanceof Error ? err.message : String(err) }),
    ),
  );
}

/**
 * A full collection of this thread's heap, run after each replay: a yearly replay leaves hundreds of MB of facts that are
 * garbage once its answer is posted, and judged with them (REPLAY_THREAD_KEEP_HEAP_MB) the thread was ended, so the next
 * replay started a thread and loaded its code again (the figures replays: half a second of the answer). Collected, the
 * heap is what the thread keeps. `gc` exposed as jest-leak-detector does; undefined where the flag cannot be set.
 */
function garbageCollector(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

const input = (workerData as { replayThread?: ReplayThreadInput } | null)?.replayThread;
if (parentPort && input) serve(input, parentPort);
