import type { Submitter } from '../case.events';
import type { StepBy } from '../case-lifecycle/case-step.command';

/** GDPR art. 16: corrected contact details of the submitter replace the recorded ones (recorded when entered). */
export class RectifySubmitter {
  constructor(
    readonly by: Omit<StepBy, 'at'>,
    readonly submitter: Submitter,
  ) {}
}
