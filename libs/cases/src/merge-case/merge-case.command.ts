import type { CaseCommand } from '../case.decider';
import { CaseLookups, CaseStep, StepTime } from '../case-lifecycle/case-step.command';

type Into = Extract<CaseCommand, { type: 'MergeCase' }>['into'];

/** Closes the case as a duplicate of another, which the user must be allowed to read. */
export class MergeCase extends CaseStep<{ intoCaseId: string }, Into> {
  override async lookUp({ readableCase }: CaseLookups): Promise<Into> {
    const into = await readableCase(this.input.intoCaseId, this.by.user, 'intoCaseId');
    return { caseId: into.caseId!, reference: into.reference!, exists: true, mergedInto: into.mergedInto };
  }

  decision(time: StepTime, _: unknown, into: Into): CaseCommand {
    return { type: 'MergeCase', into, ...time };
  }
}
