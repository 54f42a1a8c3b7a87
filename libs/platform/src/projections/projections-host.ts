import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { join } from 'node:path';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { Projection, ProjectionRunner, Reactor, ReadModelStore } from '@app/projections';
import { AppConfig } from '../config/app-config';
import { Metrics } from '../observability/metrics';
import { APP_CONFIG, REBUILD_SOURCE } from '../tokens';
import { DataDirLock } from './data-dir-lock';

/** What the platform hands the rebuild source module (see PlatformOptions.rebuildSource) in each rebuild thread. */
export interface RebuildSourceData {
  dataDir: string;
  eventStoreConnectionString?: string;
}

/**
 * Owns the read-model file and the projection runner. Modules register their projections and reactors
 * in onModuleInit; the runner starts once the application has booted and stops (PlatformModule) before the store closes.
 */
@Injectable()
export class ProjectionsHost implements OnApplicationBootstrap {
  readonly readModels: ReadModelStore;
  readonly runner: ProjectionRunner;
  private stopped = false;
  private readonly lock: DataDirLock;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(APP_CONFIG) config: AppConfig,
    metrics: Metrics,
    @Inject(REBUILD_SOURCE) rebuildSource: string | null,
  ) {
    this.lock = new DataDirLock(join(config.dataDir, 'read-models.lock'));
    this.lock.acquire();
    this.readModels = new ReadModelStore(join(config.dataDir, 'read-models.sqlite'));
    const data: RebuildSourceData = { dataDir: config.dataDir, eventStoreConnectionString: config.eventStoreConnectionString };
    this.runner = new ProjectionRunner(store, this.readModels, {
      threads: rebuildSource ? { count: config.rebuildThreads, module: rebuildSource, data } : undefined,
    });
    metrics.setLagSource({ lags: async () => (await this.runner.status()).map((s) => ({ name: s.name, lag: s.lag })) });
  }

  register(projection: Projection): void {
    this.runner.register(projection);
  }

  registerReactor(reactor: Reactor): void {
    this.runner.registerReactor(reactor);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.start();
  }

  /** Called by the platform at shutdown, after HTTP has drained and before the store closes. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.runner.stop();
    this.readModels.close();
    this.lock.release();
  }

  /** Backs `?minPosition=`: waits (bounded) until the read models include that position. */
  waitFor(position: bigint, timeoutMs = 5000): Promise<boolean> {
    return this.runner.waitFor(position, timeoutMs);
  }
}
