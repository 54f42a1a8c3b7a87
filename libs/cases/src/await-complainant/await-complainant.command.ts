import type { CaseCommand } from '../case.decider';
import { CaseStep, StepTime } from '../case-lifecycle/case-step.command';

/** Asks the complainant a question; the response clock stops until the case is resumed. */
export class AwaitComplainant extends CaseStep<{ question: string }> {
  decision(time: StepTime): CaseCommand {
    return { type: 'AwaitComplainant', question: this.input.question, ...time };
  }
}
