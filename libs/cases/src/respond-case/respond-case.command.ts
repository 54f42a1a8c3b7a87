import type { CaseCommand } from '../case.decider';
import type { Outcome, SendOption } from '../case.events';
import { CaseStep, StepTime } from '../case-lifecycle/case-step.command';

/** Answers the submitter (the message goes as `send` says); a complaint's answer assesses it (outcome). */
export class RespondCase extends CaseStep<{ message: string; outcome?: Outcome; send?: SendOption }> {
  decision(time: StepTime): CaseCommand {
    const { message, outcome, send } = this.input;
    return { type: 'RespondCase', message, outcome, send, ...time };
  }
}
