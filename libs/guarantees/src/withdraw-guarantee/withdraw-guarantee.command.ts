import type { GuaranteeCommand } from '../guarantee.decider';
import { GuaranteeStep } from '../guarantee-step';

/** Withdraws the adopted and draft versions from today: the guarantee no longer applies. */
export class WithdrawGuarantee extends GuaranteeStep<{ reason: string }> {
  decision(now: Date): GuaranteeCommand {
    return { type: 'WithdrawGuarantee', guaranteeId: this.guaranteeId, ...this.step, now };
  }
}
