import { Injectable, OnModuleInit } from '@nestjs/common';
import { Readiness, ReadinessCheck, ReadinessContributor } from '../health/readiness';
import { ProcessLink } from './process-link';

/**
 * The processes under the primary, as it last reported them (HTTP workers only; the projector's lag is the projections'
 * part): `degraded` while fewer workers run than WORKERS asks for, or while the projector is down and being restarted
 * (commands still succeed; lists and reports fall behind until it is back).
 */
@Injectable()
export class ProcessesReadiness implements ReadinessContributor, OnModuleInit {
  readonly name = 'processes';

  constructor(
    private readonly link: ProcessLink,
    private readonly registry: Readiness,
  ) {}

  onModuleInit(): void {
    if (this.link.role === 'worker') this.registry.register(this);
  }

  async readiness(): Promise<Omit<ReadinessCheck, 'name'>> {
    const state = this.link.cluster;
    if (!state) return { status: 'degraded', reason: 'no word from the primary yet' };
    const reasons: string[] = [];
    const { workers, projector } = state;
    if (workers.pids.length < workers.wanted) reasons.push(`${workers.pids.length} of ${workers.wanted} HTTP workers running`);
    if (!projector.pid) reasons.push('the projector is not running (restarting)');
    return {
      status: reasons.length ? 'degraded' : 'ok',
      ...(reasons.length ? { reason: reasons.join('; ') } : {}),
      detail: { pid: process.pid, workers, projector },
    };
  }
}
