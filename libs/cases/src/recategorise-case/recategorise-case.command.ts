import type { StepBy } from '../case-lifecycle/case-step.command';

/** Puts the case under another category of the list (its unit's managers, admins); recorded when entered. */
export class RecategoriseCase {
  constructor(
    readonly by: Omit<StepBy, 'at'>,
    /** A category of the list, by its id or its label. */
    readonly category: string,
  ) {}
}
