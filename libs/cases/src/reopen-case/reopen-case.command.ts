import type { CaseCommand } from '../case.decider';
import { CaseStep, StepTime } from '../case-lifecycle/case-step.command';

/** Reopens a closed case (a merged one is unmerged instead). */
export class ReopenCase extends CaseStep<{ reason: string }> {
  decision(time: StepTime): CaseCommand {
    return { type: 'ReopenCase', reason: this.input.reason, ...time };
  }
}
