import type { CaseCommand } from '../case.decider';
import type { SendOption } from '../case.events';
import { CaseStep, StepTime } from '../case-lifecycle/case-step.command';

/** Tells the submitter the response is delayed, why, and when to expect it (förvaltningslagen 11 §). */
export class SendDelayNotice extends CaseStep<{ reason: string; newRespondBy?: string; send?: SendOption }> {
  decision(time: StepTime): CaseCommand {
    const { reason, newRespondBy, send } = this.input;
    return { type: 'SendDelayNotice', reason, newRespondBy, send, ...time };
  }
}
