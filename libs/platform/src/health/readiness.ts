import { Injectable } from '@nestjs/common';
import { withTimeout } from '@app/core';

/** `degraded` still serves (HTTP 200); `down` takes the instance out of rotation (HTTP 503). */
export type ReadinessStatus = 'ok' | 'degraded' | 'down';

/** One part's answer. `reason` and `detail` may name cases or carry error text: administrators only (GET /api/admin/health). */
export interface ReadinessCheck {
  name: string;
  status: ReadinessStatus;
  /** How far this part is behind the head of the log, in seconds of record time. */
  lagSeconds?: number;
  reason?: string;
  detail?: Record<string, unknown>;
}

/**
 * A part of the server that can tell whether it is fit to serve: the event store, the projections, and whatever a module
 * adds (workers, an outbox). Modules register theirs with `Readiness` in onModuleInit.
 */
export interface ReadinessContributor {
  /** Unique among contributors; names the part in the admin report. */
  readonly name: string;
  readiness(): Promise<Omit<ReadinessCheck, 'name'>>;
}

export interface ReadinessReport {
  /** The worst of the contributors' statuses. */
  status: ReadinessStatus;
  /** The largest of the contributors' lags; 0 when caught up. */
  lagSeconds: number;
  checks: ReadinessCheck[];
}

const RANK: Record<ReadinessStatus, number> = { ok: 0, degraded: 1, down: 2 };

export const worstStatus = (statuses: ReadinessStatus[]): ReadinessStatus =>
  statuses.reduce<ReadinessStatus>((worst, s) => (RANK[s] > RANK[worst] ? s : worst), 'ok');

/** A probe must answer even when a part hangs (an unreachable EventStoreDB): silence counts as down. */
const CHECK_TIMEOUT_MS = 2000;

/** The one readiness contract: every contributor asked at once, the overall status the worst of them. */
@Injectable()
export class Readiness {
  private readonly contributors = new Map<string, ReadinessContributor>();

  register(contributor: ReadinessContributor): void {
    if (this.contributors.has(contributor.name)) throw new Error(`readiness contributor ${contributor.name} is already registered`);
    this.contributors.set(contributor.name, contributor);
  }

  async report(): Promise<ReadinessReport> {
    const checks = await Promise.all([...this.contributors.values()].map((c) => this.check(c)));
    return {
      status: worstStatus(checks.map((c) => c.status)),
      lagSeconds: Math.max(0, ...checks.map((c) => c.lagSeconds ?? 0)),
      checks,
    };
  }

  private async check(contributor: ReadinessContributor): Promise<ReadinessCheck> {
    const silent = (): Omit<ReadinessCheck, 'name'> => ({ status: 'down', reason: `no answer within ${CHECK_TIMEOUT_MS} ms` });
    try {
      return { name: contributor.name, ...(await withTimeout(contributor.readiness(), CHECK_TIMEOUT_MS, silent)) };
    } catch (err) {
      return { name: contributor.name, status: 'down', reason: `the check failed: ${err instanceof Error ? err.message : String(err)}` };
    }
  }
}
