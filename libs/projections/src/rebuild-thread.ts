import { parentPort, workerData } from 'node:worker_threads';
import { describeFailure } from './apply-events';
import { foldToHead } from './fold';
import { createGenerationTables } from './generation-tables';
import { ReadModelStore } from './read-model-store';
import type { OpenRebuildSource, ThreadInput, ThreadMessage } from './rebuild-threads';

/** The body of a rebuild thread (see foldInThread): folds its share into a scratch file and reports positions. */
async function run(input: ThreadInput, post: (m: ThreadMessage) => void): Promise<bigint[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { openRebuildSource } = require(input.module) as { openRebuildSource: OpenRebuildSource };
  const source = await openRebuildSource(input.data);
  const readModels = new ReadModelStore(input.scratch, { scratch: true });
  try {
    const targets = input.builds.map(({ name, generation }) => {
      const projection = source.projections.find((p) => p.name === name);
      if (!projection) throw new Error(`${input.module} has no projection named ${name}`);
      createGenerationTables(readModels.db, projection, generation, false);
      return { projection, build: { generation, position: 0n } };
    });
    const positions = () => targets.map((t) => t.build.position);
    await foldToHead(source.store, readModels, targets, {
      pageSize: input.pageSize,
      unitOfWork: input.unitOfWork,
      until: input.until,
      partition: input.partition,
      checkAborted: () => undefined, // the runner terminates the thread instead
      onPage: () => post({ type: 'progress', positions: positions() }),
    });
    return positions();
  } finally {
    readModels.close();
    await source.store.close();
  }
}

const input = (workerData as { rebuildThread?: ThreadInput } | null)?.rebuildThread;
if (parentPort && input) {
  const port = parentPort;
  const post = (m: ThreadMessage) => port.postMessage(m);
  run(input, post).then(
    (positions) => post({ type: 'done', positions }),
    (err: unknown) => post({ type: 'failed', message: describeFailure(err).message }),
  );
}
