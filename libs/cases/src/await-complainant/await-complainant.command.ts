import type { CaseCommand } from '../case.decider';
import type { SendOption } from '../case.events';
import { CaseStep, StepTime } from '../case-lifecycle/case-step.command';

/** Asks the complainant a question (sent as `send` says); the response clock stops until the case is resumed. */
export class AwaitComplainant extends CaseStep<{ question: string; send?: SendOption }> {
  decision(time: StepTime): CaseCommand {
    return { type: 'AwaitComplainant', question: this.input.question, send: this.input.send, ...time };
  }
}
