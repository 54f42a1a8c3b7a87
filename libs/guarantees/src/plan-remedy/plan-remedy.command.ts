import type { Principal } from '@app/auth';

/** A rättelse action on a confirmed breach; planned at `at` (business time) or now. */
export class PlanRemedy {
  constructor(
    readonly breachId: string,
    readonly remedy: { action: string; responsible: string; dueOn: string; at?: Date },
    readonly user: Principal,
    readonly expectedRevision?: bigint,
  ) {}
}
