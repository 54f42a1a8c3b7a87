import type { BreachCommand } from '../breach.decider';
import { BreachStep } from '../breach-step';

/** A planned remedy is done: its outcome, and whether the complainant was told. */
export class CompleteRemedy extends BreachStep<{ remedyId: string; completedAt?: Date; outcome: string; complainantInformed: boolean }> {
  decision(now: Date): BreachCommand {
    return { type: 'CompleteRemedy', breachId: this.breachId, ...this.step, now };
  }
}
