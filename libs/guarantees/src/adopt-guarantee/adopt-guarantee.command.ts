import type { GuaranteeCommand } from '../guarantee.decider';
import { GuaranteeStep } from '../guarantee-step';

/** The board's decision adopting the draft version. */
export class AdoptGuarantee extends GuaranteeStep<{ decidedOn: string; decisionRef: string }> {
  decision(now: Date): GuaranteeCommand {
    return { type: 'AdoptGuarantee', guaranteeId: this.guaranteeId, ...this.step, now };
  }
}
