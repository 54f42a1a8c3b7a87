import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '@app/core';
import { SqliteEventStore } from '@app/event-store';
import { ProjectionRunner, ReadModelStore, Reactor } from '@app/projections';

export interface ReactorRun {
  runner: ProjectionRunner;
  readModels: ReadModelStore;
  /** Whether the reactor reached the head of the log within 10 s. */
  caughtUp: boolean;
}

export interface ReactorHarness {
  readonly dir: string;
  readonly clock: FixedClock;
  readonly store: SqliteEventStore;
  /**
   * Starts a runner with `reactor` on the real store and waits until it has reached the head of the log. A first run
   * has no checkpoint (as on the first start after a deploy); `fromStart` saves one at position 0 instead.
   */
  run(reactor: Reactor, options?: { fromStart?: boolean }): Promise<ReactorRun>;
}

/**
 * A reactor over the real SQLite store in a fresh directory per test (registers its own beforeEach/afterEach): a clock
 * at `startAt`, and every runner started stopped and its read models closed after the test.
 */
export function reactorHarness(prefix: string, startAt: string): ReactorHarness {
  let dir: string;
  let clock: FixedClock;
  let store: SqliteEventStore;
  const opened: { runner: ProjectionRunner; readModels: ReadModelStore }[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), `synpunkt-${prefix}-`));
    clock = new FixedClock(new Date(startAt));
    store = new SqliteEventStore({ path: join(dir, 'events.sqlite'), clock, pollMs: 20 });
  });
  afterEach(async () => {
    for (const { runner, readModels } of opened.splice(0).reverse()) {
      await runner.stop();
      readModels.close();
    }
    await store.close();
  });
  return {
    get dir() {
      return dir;
    },
    get clock() {
      return clock;
    },
    get store() {
      return store;
    },
    async run(reactor, { fromStart = false } = {}) {
      const readModels = new ReadModelStore(join(dir, 'read-models.sqlite'));
      if (fromStart) readModels.checkpoints.save({ name: reactor.name, version: 0, generation: 0, position: 0n, status: 'stopped' });
      const runner = new ProjectionRunner(store, readModels);
      opened.push({ runner, readModels });
      runner.registerReactor(reactor);
      await runner.start();
      const caughtUp = await runner.waitFor(await store.headPosition(), 10_000, reactor.name);
      return { runner, readModels, caughtUp };
    },
  };
}
