import type { CaseCommand } from '../case.decider';
import { CaseStep, StepTime } from '../case-lifecycle/case-step.command';

/** Ends a pause for the complainant; respondBy moves by the working days paused. */
export class ResumeCase extends CaseStep {
  decision(time: StepTime): CaseCommand {
    return { type: 'ResumeCase', ...time };
  }
}
