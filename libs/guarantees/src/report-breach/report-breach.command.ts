import type { Principal } from '@app/auth';
import type { AsKnown } from '@app/core';

/** Reports a breach of a guarantee commitment: staff of the guarantee's unit, or a process manager for a case. */
export class ReportBreach {
  constructor(
    readonly breach: {
      /** A process manager passes a deterministic id so that replays report the same breach only once; default a new id. */
      breachId?: string;
      guaranteeId: string;
      commitmentId: string;
      occurredAt: Date;
      description: string;
      caseId?: string;
      /** The named case's unit, when the sender read it from the case itself; otherwise it is looked up. */
      caseUnitId?: string;
    },
    readonly user: Principal,
    readonly options: {
      /** Decide against the guarantee as the system knew it then (a replayed case's registration); default now. */
      guaranteeAsKnown?: AsKnown;
      /** Correlation of the events written, e.g. the event a process manager reacts to. */
      metadata?: { correlationId?: string; causationId?: string };
    } = {},
  ) {}
}
