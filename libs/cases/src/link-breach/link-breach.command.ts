import type { Principal } from '@app/auth';

/** Shows on the case the breach reported for it (recorded by the breach-link process manager; idempotent). */
export class LinkBreach {
  constructor(
    readonly caseId: string,
    readonly breachId: string,
    readonly user: Principal,
    /** The event the process manager reacts to. */
    readonly metadata: { correlationId?: string; causationId?: string } = {},
  ) {}
}
