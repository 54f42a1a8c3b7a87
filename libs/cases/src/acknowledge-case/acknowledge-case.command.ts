import type { CaseCommand } from '../case.decider';
import { CaseStep, StepTime } from '../case-lifecycle/case-step.command';

/** Acknowledges receipt of the case, once. */
export class AcknowledgeCase extends CaseStep {
  decision(time: StepTime): CaseCommand {
    return { type: 'AcknowledgeCase', ...time };
  }
}
