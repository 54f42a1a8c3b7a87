import type { Principal } from '@app/auth';
import type { CaseCommand, CaseState } from '../case.decider';

/** Who acts on which case, when it happened (business time; default now) and on which revision (If-Match). */
export interface StepBy {
  caseId: string;
  user: Principal;
  at?: Date;
  expectedRevision?: bigint;
}

/** A step's business time as given, and the instant it is decided. */
export type StepTime = { at?: Date; now: Date };

/** What a step may look up besides its own case, before the case is loaded (the handler answers). */
export interface CaseLookups {
  /** A unit as it is now; a missing unit is a 400 on `field`. */
  unit(unitId: string, field: string): Promise<{ status?: 'open' | 'closed' }>;
  /** Another case, which the user must be allowed to read as its GET would require; a missing case is a 400 on `field`. */
  readableCase(caseId: string, user: Principal, field: string): Promise<CaseState>;
  /** The ids of the case's messages whose delivery finally failed (its messages stream; none for a case without one). */
  failedMessageIds(caseId: string): Promise<string[]>;
}

/**
 * A lifecycle step on a case, taken by a user who handles the case's unit. Each endpoint has its own small subclass
 * with its own fields; one handler (CaseStepHandler) serves them all: look up, load, authorize, decide, append, answer.
 */
export abstract class CaseStep<Input extends object = object, Facts = void> {
  /** Intake may route (transfer) cases of any unit. */
  readonly intakeMay: boolean = false;

  constructor(
    readonly by: StepBy,
    readonly input: Input = {} as Input,
  ) {}

  /** What the decision needs besides the case itself; most steps need nothing. */
  lookUp(_lookups: CaseLookups): Promise<Facts> {
    return Promise.resolve(undefined as Facts);
  }

  /** The decider's command for this step. */
  abstract decision(time: StepTime, state: CaseState, facts: Facts): CaseCommand;
}
