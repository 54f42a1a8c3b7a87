import type { CaseCommand } from '../case.decider';
import { CaseStep, StepTime } from '../case-lifecycle/case-step.command';

/** Gives the case to a handling officer. */
export class AssignCase extends CaseStep<{ assignee: string }> {
  decision(time: StepTime): CaseCommand {
    return { type: 'AssignCase', assignee: this.input.assignee, ...time };
  }
}
