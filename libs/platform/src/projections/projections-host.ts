import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { join } from 'node:path';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { Projection, ProjectionRunner, Reactor, ReadModelStore } from '@app/projections';
import { AppConfig } from '../config/app-config';
import { Metrics } from '../observability/metrics';
import { ProcessLink } from '../processes/process-link';
import { APP_CONFIG, REBUILD_SOURCE } from '../tokens';
import { DATA_DIR_LOCK_FILE, DataDirLock } from './data-dir-lock';

/** What the platform hands the rebuild source module (see PlatformOptions.rebuildSource) in each rebuild thread. */
export interface RebuildSourceData {
  dataDir: string;
  eventStoreConnectionString?: string;
  /** EVENT_STORE_PATH: the embedded log's file when not DATA_DIR/events.sqlite. */
  eventStorePath?: string;
}

/** The configuration a rebuild or replay thread opens the log with. */
export function rebuildSourceData({ dataDir, eventStoreConnectionString, eventStorePath }: AppConfig): RebuildSourceData {
  return { dataDir, eventStoreConnectionString, eventStorePath };
}

/**
 * Owns the read-model file and the projection runner. Modules register their projections and reactors
 * in onModuleInit; the runner starts once the application has booted and stops (PlatformModule) before the store closes.
 * In an HTTP worker (ProcessRole) the file is opened for reading and the runner only follows what the projector stores;
 * rebuilds are handed to the projector through the primary.
 */
@Injectable()
export class ProjectionsHost implements OnApplicationBootstrap {
  readonly readModels: ReadModelStore;
  readonly runner: ProjectionRunner;
  private stopped = false;
  private readonly lock?: DataDirLock;
  private readonly advanceListeners = new Set<() => void>();

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(APP_CONFIG) config: AppConfig,
    metrics: Metrics,
    @Inject(REBUILD_SOURCE) rebuildSource: string | null,
    private readonly link: ProcessLink,
  ) {
    // Under the primary, it holds the lock for every process it starts.
    if (link.role === 'single') {
      this.lock = new DataDirLock(join(config.dataDir, DATA_DIR_LOCK_FILE));
      this.lock.acquire();
    }
    const follower = link.role === 'worker';
    this.readModels = new ReadModelStore(join(config.dataDir, 'read-models.sqlite'), { readonly: follower });
    this.runner = new ProjectionRunner(store, this.readModels, {
      threads: rebuildSource ? { count: config.rebuildThreads, module: rebuildSource, data: rebuildSourceData(config) } : undefined,
      follower,
      onProgress: follower ? undefined : () => this.advanced(link),
    });
    if (follower) link.events.on('advanced', () => this.runner.wake());
    if (link.role === 'projector') {
      link.events.on('projector', (m: { command: 'rebuild' | 'rebuildAll'; name?: string }) => {
        // a failure shows in GET /api/admin/projections and /api/admin/health
        void (m.command === 'rebuildAll' ? this.runner.rebuildAll() : this.runner.rebuild(m.name ?? '')).catch(() => undefined);
      });
    }
    metrics.setLagSource({ lags: async () => (await this.runner.status()).map((s) => ({ name: s.name, lag: s.lagSeconds })) });
  }

  /** Starts a rebuild in the background: here, or in the projector when this process only reads. */
  startRebuild(name: string | 'all'): void {
    if (this.link.role === 'worker') {
      this.link.send(
        name === 'all' ? { synpunkt: 'projector', command: 'rebuildAll' } : { synpunkt: 'projector', command: 'rebuild', name },
      );
      return;
    }
    // a failure shows in GET /api/admin/projections and /api/admin/health
    void (name === 'all' ? this.runner.rebuildAll() : this.runner.rebuild(name)).catch(() => undefined);
  }

  /**
   * Calls `listener` each time the read models this process writes have moved (never in an HTTP worker, which only
   * reads them); answers the call that stops it. For what acts on the read models as soon as they move: the outbox.
   */
  onAdvance(listener: () => void): () => void {
    this.advanceListeners.add(listener);
    return () => this.advanceListeners.delete(listener);
  }

  private advanced(link: ProcessLink): void {
    if (link.role === 'projector') link.signal('advanced');
    for (const listener of this.advanceListeners) {
      try {
        listener();
      } catch {
        // a listener's failure is its own: the projections that called this go on
      }
    }
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
    this.lock?.release();
  }

  /** Whether a projection is being rebuilt now (read from the stored status, so an HTTP worker knows it too). */
  rebuilding(): boolean {
    return this.readModels.checkpoints.anyRebuilding();
  }

  /** Backs `?minPosition=`: waits (bounded) until the read models include that position. */
  waitFor(position: bigint, timeoutMs = 5000): Promise<boolean> {
    return this.runner.waitFor(position, timeoutMs);
  }
}
