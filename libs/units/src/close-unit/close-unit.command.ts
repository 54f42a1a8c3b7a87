import { Actor } from '@app/core';
import { UnitStep } from '../unit-lifecycle/unit-step.command';

/** Closes a unit: it takes no new cases; its history stays. */
export class CloseUnit extends UnitStep {
  constructor(
    unitId: string,
    readonly reason: string | undefined,
    actor: Actor,
    expectedRevision?: bigint,
  ) {
    super(unitId, actor, expectedRevision);
  }

  decision(now: Date) {
    return { type: 'CloseUnit' as const, unitId: this.unitId, reason: this.reason, now };
  }
}
