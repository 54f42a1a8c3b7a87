import type { CaseCommand } from '../case.decider';
import { CaseStep, StepTime } from '../case-lifecycle/case-step.command';

/** Undoes a merge: the case returns to the status it had before. */
export class UnmergeCase extends CaseStep {
  decision(time: StepTime): CaseCommand {
    return { type: 'UnmergeCase', ...time };
  }
}
