import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { join } from 'node:path';
import { CLOCK, Clock, systemClock } from '@app/core';
import { createEventStore, EVENT_STORE, EventStore, PersonalDataPolicy, UpcasterRegistry } from '@app/event-store';
import { AppConfig } from './config/app-config';
import { secureDataDir } from './config/data-dir';
import { AdminHealthController } from './health/admin-health.http.controller';
import { EventStoreReadiness } from './health/event-store.readiness';
import { HealthController } from './health/health.controller';
import { Readiness } from './health/readiness';
import { CommandRunner } from './http/command-runner';
import { IdempotencyExpiry } from './http/idempotency-expiry';
import { IdempotencyInterceptor } from './http/idempotency.interceptor';
import { IdempotencyStore } from './http/idempotency.store';
import { ResourceReaders } from './http/resource-readers';
import { IDEMPOTENCY_FILE, SqliteIdempotencyStore } from './http/sqlite-idempotency.store';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { ResourceHeadersInterceptor } from './http/resource-result';
import { createValidationPipe } from './http/validation';
import { meterAppends } from './observability/metered-event-store';
import { Metrics } from './observability/metrics';
import { MetricsController } from './observability/metrics.controller';
import { ProjectionsHost } from './projections/projections-host';
import { ProjectionsController } from './projections/projections.http.controller';
import { ProjectionsReadiness } from './projections/projections.readiness';
import { APP_CONFIG, REBUILD_SOURCE } from './tokens';

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
   * the composition root's, which knows every projection. Without it rebuilds stay on the main thread.
   */
  rebuildSource?: string;
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
    secureDataDir(config.dataDir, { keyStorePath: config.keyStorePath });
    return {
      module: PlatformModule,
      imports: [TerminusModule],
      controllers: [HealthController, AdminHealthController, MetricsController, ProjectionsController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: REBUILD_SOURCE, useValue: options.rebuildSource ?? null },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: Metrics, useValue: options.metrics },
        {
          provide: EVENT_STORE,
          inject: [CLOCK],
          useFactory: (clock: Clock) =>
            meterAppends(
              createEventStore({
                dataDir: config.dataDir,
                eventStoreConnectionString: config.eventStoreConnectionString,
                clock,
                personalData: options.personalData,
                upcasters: options.upcasters,
                keyStorePath: config.keyStorePath,
              }),
              options.metrics.appendDuration,
            ),
        },
        {
          provide: IdempotencyStore,
          useFactory: (): IdempotencyStore =>
            new SqliteIdempotencyStore({
              path: join(config.dataDir, IDEMPOTENCY_FILE),
              ttlMs: config.idempotency.ttlHours * 3_600_000,
              leaseMs: config.idempotency.leaseSeconds * 1000,
            }),
        },
        IdempotencyExpiry,
        ResourceReaders,
        ProjectionsHost,
        CommandRunner,
        Readiness,
        EventStoreReadiness,
        ProjectionsReadiness,
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_INTERCEPTOR, useClass: ResourceHeadersInterceptor },
      ],
      exports: [APP_CONFIG, CLOCK, EVENT_STORE, Metrics, ProjectionsHost, CommandRunner, IdempotencyStore, ResourceReaders, Readiness],
    };
  }

  /** After the HTTP server has drained (so waiting `minPosition` reads still see their projections): runner, then store. */
  async onApplicationShutdown(): Promise<void> {
    await this.projections.stop();
    await this.idempotency.close();
    await this.store.close(); // drains pending appends first
  }
}
