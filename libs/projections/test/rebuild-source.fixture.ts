import { SqliteEventStore } from '@app/event-store';
import { RebuildSource } from '@app/projections';
import { counterProjection, summingProjection } from './fixtures';

/** What the threaded-rebuild tests hand a rebuild thread: the log's path and the counter projections to build. */
export interface CounterSourceData {
  eventsPath: string;
  projections: { name: string; streamPrefix?: string; failOn?: number[] }[];
  /** summingProjection(name, sums) for each. */
  summing?: { name: string; sums: boolean }[];
}

/** A rebuild thread's source (RebuildThreadsOptions.module): its own connection to the test log, the same projections. */
export function openRebuildSource(data: unknown): RebuildSource {
  const { eventsPath, projections, summing = [] } = data as CounterSourceData;
  return {
    store: new SqliteEventStore({ path: eventsPath }),
    projections: [
      ...projections.map(({ name, streamPrefix, failOn }) => {
        const p = counterProjection(name, { filter: streamPrefix ? { streamPrefix } : undefined });
        for (const n of failOn ?? []) p.failOn.add(n);
        return p;
      }),
      ...summing.map(({ name, sums }) => summingProjection(name, sums)),
    ],
  };
}
