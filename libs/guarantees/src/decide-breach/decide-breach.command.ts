import type { BreachCommand } from '../breach.decider';
import { BreachStep } from '../breach-step';

/** The unit's manager (or an admin) confirms a reported breach, at `at` (business time) or now. */
export class ConfirmBreach extends BreachStep<{ note?: string; at?: Date }> {
  decision(now: Date): BreachCommand {
    return { type: 'ConfirmBreach', breachId: this.breachId, ...this.step, now };
  }
}

/** The unit's manager (or an admin) rejects a reported breach, with a reason. */
export class RejectBreach extends BreachStep<{ reason: string; at?: Date }> {
  decision(now: Date): BreachCommand {
    return { type: 'RejectBreach', breachId: this.breachId, ...this.step, now };
  }
}
