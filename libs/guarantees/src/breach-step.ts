import type { Principal } from '@app/auth';
import type { BreachCommand } from './breach.decider';

/**
 * A step on an existing breach by a user who must be allowed to act for its unit (confirm, reject, complete a remedy):
 * one handler serves every subclass and answers the breach as it is after the step. `P` is what the step says.
 */
export abstract class BreachStep<P = unknown> {
  constructor(
    readonly breachId: string,
    readonly step: P,
    readonly user: Principal,
    readonly expectedRevision?: bigint,
  ) {}

  /** What the step asks the breach's decider to decide at `now`. */
  abstract decision(now: Date): BreachCommand;
}
