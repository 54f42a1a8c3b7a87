import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ProjectionStatus } from '@app/projections';
import { AppConfig } from '../config/app-config';
import { Readiness, ReadinessCheck, ReadinessContributor, ReadinessStatus, worstStatus } from '../health/readiness';
import { APP_CONFIG } from '../tokens';
import { ProjectionsHost } from './projections-host';
import { RecordTimeLag } from './record-time-lag';

/**
 * One projection or reactor: `down` when it failed or is further behind the log than READY_MAX_LAG events (readers
 * would see data too old to act on); `degraded` while it rebuilds, is stopped, or catches up on a backlog within
 * that bound; `ok` when live (a few events in flight are normal).
 */
export function judgeProjection(s: ProjectionStatus, maxLag: number): { status: ReadinessStatus; reason?: string } {
  if (s.state === 'failed') return { status: 'down', reason: 'failed' };
  if (s.lag > maxLag) return { status: 'down', reason: `more than READY_MAX_LAG (${maxLag}) events behind` };
  if (s.state === 'rebuilding') return { status: 'degraded', reason: 'rebuilding' };
  if (s.state === 'stopped') return { status: 'degraded', reason: 'stopped' };
  if (s.state === 'catching_up' && s.lag > 0) return { status: 'degraded', reason: 'catching up' };
  return { status: 'ok' };
}

const view = (s: ProjectionStatus, verdict: { status: ReadinessStatus; reason?: string }, lagSeconds: number) => ({
  name: s.name,
  kind: s.kind,
  status: verdict.status,
  ...(verdict.reason ? { reason: verdict.reason } : {}),
  state: s.state,
  lagEvents: s.lag,
  lagSeconds,
  checkpoint: Number(s.checkpoint),
  position: Number(s.position),
  head: Number(s.head),
  ...(s.rebuild ? { rebuild: { position: Number(s.rebuild.position) } } : {}),
  ...(s.error ? { error: s.error } : {}),
  ...(s.failedEvent ? { failedEvent: { ...s.failedEvent, position: Number(s.failedEvent.position) } } : {}),
});

/** The read side's part of readiness: every projection and reactor the runner knows, judged by `judgeProjection`. */
@Injectable()
export class ProjectionsReadiness implements ReadinessContributor, OnModuleInit {
  readonly name = 'projections';
  private readonly lag: RecordTimeLag;

  constructor(
    private readonly host: ProjectionsHost,
    private readonly registry: Readiness,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.lag = new RecordTimeLag(store);
  }

  onModuleInit(): void {
    this.registry.register(this);
  }

  async readiness(): Promise<Omit<ReadinessCheck, 'name'>> {
    const statuses = await this.host.runner.status();
    const projections = await Promise.all(
      statuses.map(async (s) => view(s, judgeProjection(s, this.config.readyMaxLag), await this.lag.secondsBehind(s.position, s.head))),
    );
    const troubled = projections.filter((p) => p.status !== 'ok');
    return {
      status: worstStatus(projections.map((p) => p.status)),
      lagSeconds: Math.max(0, ...projections.map((p) => p.lagSeconds)),
      ...(troubled.length ? { reason: troubled.map((p) => `${p.name}: ${p.reason}`).join('; ') } : {}),
      detail: { readyMaxLag: this.config.readyMaxLag, projections },
    };
  }
}
