import type { CaseCommand } from '../case.decider';
import type { RESOLUTIONS } from '../case.events';
import { CaseStep, StepTime } from '../case-lifecycle/case-step.command';

/** Closes the case with a resolution; a case that needs a response is answered first, unless withdrawn. */
export class CloseCase extends CaseStep<{ resolution: (typeof RESOLUTIONS)[number]; note?: string }> {
  decision(time: StepTime): CaseCommand {
    return { type: 'CloseCase', resolution: this.input.resolution, note: this.input.note, ...time };
  }
}
