import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ProjectionStatus } from '@app/projections';
import { AppConfig } from '../config/app-config';
import { Readiness, ReadinessCheck, ReadinessContributor, ReadinessStatus, worstStatus } from '../health/readiness';
import { APP_CONFIG } from '../tokens';
import { ProjectionsHost } from './projections-host';

/**
 * One projection or reactor: `down` when it failed on an event or is further behind the head of the log than
 * READY_MAX_LAG seconds of record time (readers would see data too old to act on); `degraded` while the log is out of
 * reach (its subscription retries, or a restart after a failure on the way to the log is pending: `retrying` says why),
 * while it rebuilds, is stopped, or catches up within that bound; `ok` when live (a few events in flight are normal).
 */
export function judgeProjection(s: ProjectionStatus, maxLagSeconds: number): { status: ReadinessStatus; reason?: string } {
  if (s.state === 'failed' && !s.retrying) return { status: 'down', reason: 'failed' };
  if (s.lagSeconds > maxLagSeconds) return { status: 'down', reason: `more than READY_MAX_LAG (${maxLagSeconds}) seconds behind` };
  if (s.retrying) return { status: 'degraded', reason: s.retrying };
  if (s.state === 'rebuilding') return { status: 'degraded', reason: 'rebuilding' };
  if (s.state === 'stopped') return { status: 'degraded', reason: 'stopped' };
  if (s.state === 'catching_up' && s.position < s.head) return { status: 'degraded', reason: 'catching up' };
  return { status: 'ok' };
}

const view = (s: ProjectionStatus, verdict: { status: ReadinessStatus; reason?: string }) => ({
  name: s.name,
  kind: s.kind,
  status: verdict.status,
  ...(verdict.reason ? { reason: verdict.reason } : {}),
  state: s.state,
  lagSeconds: s.lagSeconds,
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

  constructor(
    private readonly host: ProjectionsHost,
    private readonly registry: Readiness,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async readiness(): Promise<Omit<ReadinessCheck, 'name'>> {
    const statuses = await this.host.runner.status();
    const projections = statuses.map((s) => view(s, judgeProjection(s, this.config.readyMaxLag)));
    const troubled = projections.filter((p) => p.status !== 'ok');
    return {
      status: worstStatus(projections.map((p) => p.status)),
      lagSeconds: Math.max(0, ...projections.map((p) => p.lagSeconds)),
      ...(troubled.length ? { reason: troubled.map((p) => `${p.name}: ${p.reason}`).join('; ') } : {}),
      detail: { readyMaxLag: this.config.readyMaxLag, projections },
    };
  }
}
