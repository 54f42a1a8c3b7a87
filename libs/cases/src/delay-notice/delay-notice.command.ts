import type { CaseCommand } from '../case.decider';
import { CaseStep, StepTime } from '../case-lifecycle/case-step.command';

/** Tells the submitter the response is delayed, why, and when to expect it (förvaltningslagen 11 §). */
export class SendDelayNotice extends CaseStep<{ reason: string; newRespondBy?: string }> {
  decision(time: StepTime): CaseCommand {
    return { type: 'SendDelayNotice', reason: this.input.reason, newRespondBy: this.input.newRespondBy, ...time };
  }
}
