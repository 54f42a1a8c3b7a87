import type { CaseCommand } from '../case.decider';
import type { SendOption } from '../case.events';
import { CaseStep, StepTime } from '../case-lifecycle/case-step.command';

/** Acknowledges receipt of the case, once, and sends the submitter the receipt (its text: `message`, else the default). */
export class AcknowledgeCase extends CaseStep<{ send?: SendOption; message?: string }> {
  decision(time: StepTime): CaseCommand {
    return { type: 'AcknowledgeCase', send: this.input.send, message: this.input.message, ...time };
  }
}
