import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { EventEmitter } from 'node:events';
import { AggregatorRegistry } from 'prom-client';
import { CLOCK, Clock, systemClock } from '@app/core';
import { createEventStore, EVENT_STORE, EventStore, KeyStore, PersonalDataPolicy, UpcasterRegistry } from '@app/event-store';
import { AppConfig } from './config/app-config';
import { secureDataDir } from './config/data-dir';
import { openConfiguredKeyStore, openIdempotencyStore } from './config/stores';
import { AdminHealthController } from './health/admin-health.http.controller';
import { EventStoreReadiness } from './health/event-store.readiness';
import { HealthController } from './health/health.controller';
import { Readiness } from './health/readiness';
import { StoresReadiness } from './health/stores.readiness';
import { CommandRunner } from './http/command-runner';
import { IdempotencyExpiry } from './http/idempotency-expiry';
import { IdempotencyInterceptor } from './http/idempotency.interceptor';
import { IdempotencyStore } from './http/idempotency.store';
import { ResourceReaders } from './http/resource-readers';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { ResourceHeadersInterceptor } from './http/resource-result';
import { createValidationPipe } from './http/validation';
import { meterAppends } from './observability/metered-event-store';
import { Metrics } from './observability/metrics';
import { MetricsController } from './observability/metrics.controller';
import { ProcessLink, ProcessRole } from './processes/process-link';
import { ProcessesReadiness } from './processes/processes.readiness';
import { ProjectionsHost } from './projections/projections-host';
import { ProjectionsController } from './projections/projections.http.controller';
import { ProjectionsReadiness } from './projections/projections.readiness';
import { ReplayPool } from './replays/replay-pool';
import { APP_CONFIG, CONFIGURED_KEY_STORE, REBUILD_SOURCE } from './tokens';

export interface PlatformOptions {
  config: AppConfig;
  clock?: Clock;
  metrics: Metrics;
  /** Which event fields are personal data, sealed with per-subject keys. */
  personalData?: PersonalDataPolicy;
  /** Old event versions read as current ones, on every read path (streams, the log, subscriptions). */
  upcasters?: UpcasterRegistry;
  /**
   * Absolute path of the module rebuild threads open the log and the projections from (see RebuildThreadsOptions):
   * the composition root's, which knows every projection. Without it rebuilds stay on the main thread. Replay threads
   * (ReplayPool) open the log and find their replays (`replays`) there too; without it replays run on the main thread.
   */
  rebuildSource?: string;
  /** What this process is under the primary (see ProcessRole); `single` (everything in one process) by default. */
  role?: ProcessRole;
}

/** The floor every module stands on: config, clock, event store, read models, HTTP conventions, readiness and metrics. */
@Global()
@Module({})
export class PlatformModule implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly idempotency: IdempotencyStore,
    private readonly projections: ProjectionsHost,
  ) {}

  static forRoot(options: PlatformOptions): DynamicModule {
    const { config } = options;
    secureDataDir(config.dataDir, { keyStorePath: config.keyStorePath, eventStorePath: config.eventStorePath });
    const link = new ProcessLink(options.role ?? 'single');
    // The primary combines every process's registry into one /metrics (prom-client's cluster aggregation).
    if (link.role !== 'single') {
      AggregatorRegistry.setRegistries([options.metrics.registry]);
      new AggregatorRegistry(); // installs this process's answer to the primary's requests
    }
    // The projector reads the log as soon as a worker says it appended, not at its next poll.
    const appendSignal = link.role === 'projector' ? new EventEmitter() : undefined;
    if (appendSignal) link.events.on('appended', () => appendSignal.emit('append'));
    return {
      module: PlatformModule,
      imports: [TerminusModule],
      controllers: [HealthController, AdminHealthController, MetricsController, ProjectionsController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: ProcessLink, useValue: link },
        { provide: REBUILD_SOURCE, useValue: options.rebuildSource ?? null },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: Metrics, useValue: options.metrics },
        {
          provide: CONFIGURED_KEY_STORE,
          inject: [CLOCK],
          useFactory: async (clock: Clock) => (await openConfiguredKeyStore(config, clock, options.personalData)) ?? null,
        },
        {
          provide: EVENT_STORE,
          inject: [CLOCK, CONFIGURED_KEY_STORE],
          useFactory: (clock: Clock, keyStore: KeyStore | null) =>
            meterAppends(
              createEventStore({
                dataDir: config.dataDir,
                eventStoreConnectionString: config.eventStoreConnectionString,
                clock,
                personalData: options.personalData,
                upcasters: options.upcasters,
                keyStorePath: config.keyStorePath,
                keyStore: keyStore ?? undefined,
                eventStorePath: config.eventStorePath,
                appendSignal,
              }),
              options.metrics.appendDuration,
              link.role === 'worker' ? () => link.signal('appended') : undefined,
            ),
        },
        {
          provide: IdempotencyStore,
          useFactory: (): Promise<IdempotencyStore> => openIdempotencyStore(config),
        },
        IdempotencyExpiry,
        ResourceReaders,
        ProjectionsHost,
        ReplayPool,
        CommandRunner,
        Readiness,
        EventStoreReadiness,
        StoresReadiness,
        ProjectionsReadiness,
        ProcessesReadiness,
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_INTERCEPTOR, useClass: ResourceHeadersInterceptor },
      ],
      exports: [
        APP_CONFIG,
        CLOCK,
        EVENT_STORE,
        Metrics,
        ProjectionsHost,
        ReplayPool,
        CommandRunner,
        IdempotencyStore,
        ResourceReaders,
        Readiness,
        ProcessLink,
      ],
    };
  }

  /** After the HTTP server has drained (so waiting `minPosition` reads still see their projections): runner, then store. */
  async onApplicationShutdown(): Promise<void> {
    await this.projections.stop();
    await this.idempotency.close();
    await this.store.close(); // drains pending appends first
  }
}
