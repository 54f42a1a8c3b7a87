import type { CaseCommand, CaseState } from '../case.decider';
import type { SendOption } from '../case.events';
import { CaseLookups, CaseStep, StepTime } from '../case-lifecycle/case-step.command';

/** Acknowledges receipt of the case, once, and sends the submitter the receipt (its text: `message`, else the default). */
export class AcknowledgeCase extends CaseStep<{ send?: SendOption; message?: string }, string[]> {
  /** `auto` sends a receipt again only when the earlier one finally failed: the decider needs to know which did. */
  override lookUp({ failedMessageIds }: CaseLookups): Promise<string[]> {
    return failedMessageIds(this.by.caseId);
  }

  decision(time: StepTime, _state: CaseState, failedMessageIds: string[]): CaseCommand {
    return { type: 'AcknowledgeCase', send: this.input.send, message: this.input.message, failedMessageIds, ...time };
  }
}
