import type { GuaranteeCommand } from '../guarantee.decider';
import type { GuaranteeContentInput } from '../guarantee.events';
import { GuaranteeStep } from '../guarantee-step';

/** A new draft version (or a changed draft); the adopted version stays as it was. */
export class ReviseGuarantee extends GuaranteeStep<{ content: GuaranteeContentInput }> {
  decision(now: Date): GuaranteeCommand {
    return { type: 'ReviseGuarantee', guaranteeId: this.guaranteeId, ...this.step, now };
  }
}
