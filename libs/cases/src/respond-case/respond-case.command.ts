import type { CaseCommand } from '../case.decider';
import type { Outcome } from '../case.events';
import { CaseStep, StepTime } from '../case-lifecycle/case-step.command';

/** Answers the submitter; a complaint's answer assesses it (outcome). */
export class RespondCase extends CaseStep<{ message: string; outcome?: Outcome }> {
  decision(time: StepTime): CaseCommand {
    return { type: 'RespondCase', message: this.input.message, outcome: this.input.outcome, ...time };
  }
}
