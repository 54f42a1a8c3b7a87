import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Public } from '@app/auth';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG, PROJECTION_STATUS } from '../tokens';

export interface ProjectionHealth {
  name: string;
  lag: number;
  state: string;
  error?: string;
}

export interface ProjectionStatusSource {
  projectionHealth(): Promise<ProjectionHealth[]>;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTION_STATUS) private readonly projections: ProjectionStatusSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The process is up. */
  @Public()
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /** The store answers and every projection is running and within the lag bound. */
  @Public()
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      async () => {
        const session = this.indicators.check('eventStore');
        return (await this.store.ping())
          ? session.up({ kind: this.store.kind })
          : session.down({ kind: this.store.kind, message: 'not reachable' });
      },
      async () => {
        const session = this.indicators.check('projections');
        const all = await this.projections.projectionHealth();
        const bad = all.filter((p) => p.state === 'failed' || p.lag > this.config.readyMaxLag);
        const detail = Object.fromEntries(all.map((p) => [p.name, { state: p.state, lag: p.lag, ...(p.error ? { error: p.error } : {}) }]));
        return bad.length ? session.down(detail) : session.up(detail);
      },
    ]);
  }
}
