import type { CaseCommand } from '../case.decider';
import { CaseLookups, CaseStep, StepTime } from '../case-lifecycle/case-step.command';

/** Moves the case to another unit, which must exist and be open; intake may route cases of any unit. */
export class TransferCase extends CaseStep<{ toUnitId: string; reason: string }, { toUnitOpen: boolean }> {
  override readonly intakeMay = true;

  override async lookUp({ unit }: CaseLookups) {
    return { toUnitOpen: (await unit(this.input.toUnitId, 'toUnitId')).status === 'open' };
  }

  decision(time: StepTime, _: unknown, { toUnitOpen }: { toUnitOpen: boolean }): CaseCommand {
    return { type: 'TransferCase', toUnitId: this.input.toUnitId, toUnitOpen, reason: this.input.reason, ...time };
  }
}
