import { EventFilter, EventStore } from '@app/event-store';
import { applyInTransaction, endUnitOfWork } from './apply-events';
import { Projection } from './projection';
import { ReadModelStore } from './read-model-store';

/**
 * How many events of a rebuild one unit of work spans (see ProjectionTx.scope): a projection that keeps rows in
 * memory writes each row once per this many events, and holds at most this many events' rows.
 */
export const REBUILD_UNIT_OF_WORK = 100_000;

/** One generation being built; `position` moves as pages are applied (the runner's status shows it). */
export interface FoldTarget {
  projection: Projection;
  build: { generation: number; position: bigint };
}

export type StreamPartition = NonNullable<EventFilter['partition']>;

export interface FoldOptions {
  pageSize: number;
  /** Events one unit of work spans; default REBUILD_UNIT_OF_WORK. */
  unitOfWork?: number;
  /** Throws to abandon the fold; called before every page. */
  checkAborted(): void;
  /** After every page. */
  onPage?(): void;
  /** Stop at this position (inclusive) instead of at the head. */
  until?: bigint;
  /** Only the streams of this partition (see Projection.partitioned), read through it in SQL. */
  partition?: StreamPartition;
}

const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Folds pages of the log (or of one partition of its streams), from the lowest position of the targets to the head,
 * into their generations: each page is read once and applied to every target past its position (each keeps only the
 * events its filter takes; one target alone reads through its filter). Ends every open unit of work. Used on the
 * runner's thread and in rebuild threads.
 */
export async function foldToHead(
  store: EventStore,
  readModels: ReadModelStore,
  targets: FoldTarget[],
  options: FoldOptions,
): Promise<void> {
  if (!targets.length) return;
  const filter = {
    ...(targets.length === 1 ? targets[0].projection.filter : {}),
    ...(options.partition && { partition: options.partition }),
  };
  const limit = options.unitOfWork ?? REBUILD_UNIT_OF_WORK;
  const { until } = options;
  const work = targets.map(() => ({ scope: {}, events: 0 }));
  let after = targets.reduce((min, t) => (t.build.position < min ? t.build.position : min), targets[0].build.position);
  for (let last = false; !last; ) {
    options.checkAborted();
    let page = await store.readAll({ ...filter, after, limit: options.pageSize, sealed: true, lean: true });
    if (!page.length) break;
    after = page[page.length - 1].position;
    if (until !== undefined && after >= until) {
      page = page.filter((e) => e.position <= until);
      last = true;
    }
    targets.forEach(({ projection, build }, i) => {
      const mine = page.filter((e) => e.position > build.position);
      if (!mine.length) return;
      const w = work[i];
      w.events += mine.length;
      const end = w.events >= limit;
      build.position = applyInTransaction(readModels, projection, build.generation, mine, false, { scope: w.scope, end });
      if (end) work[i] = { scope: {}, events: 0 };
    });
    options.onPage?.();
    await yieldTurn();
  }
  targets.forEach(({ projection, build }, i) => {
    if (work[i].events) endUnitOfWork(readModels, projection, build.generation, work[i].scope);
  });
}
