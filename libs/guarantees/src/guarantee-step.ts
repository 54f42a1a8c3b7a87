import type { Principal } from '@app/auth';
import type { GuaranteeCommand } from './guarantee.decider';

/**
 * A step on an existing guarantee by a user who must be allowed to act for its unit (revise, adopt, withdraw): one
 * handler serves every subclass and answers the guarantee as it is after the step. `P` is what the step says.
 */
export abstract class GuaranteeStep<P = unknown> {
  constructor(
    readonly guaranteeId: string,
    readonly step: P,
    readonly user: Principal,
    readonly expectedRevision?: bigint,
  ) {}

  /** What the step asks the guarantee's decider to decide at `now`. */
  abstract decision(now: Date): GuaranteeCommand;
}
