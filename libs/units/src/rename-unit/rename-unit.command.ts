import { Actor } from '@app/core';
import { UnitStep } from '../unit-lifecycle/unit-step.command';

/** Gives a unit a new name; history keeps the name that applied at the time. */
export class RenameUnit extends UnitStep {
  constructor(
    unitId: string,
    readonly name: string,
    actor: Actor,
    expectedRevision?: bigint,
  ) {
    super(unitId, actor, expectedRevision);
  }

  decision(now: Date) {
    return { type: 'RenameUnit' as const, unitId: this.unitId, name: this.name, now };
  }
}
