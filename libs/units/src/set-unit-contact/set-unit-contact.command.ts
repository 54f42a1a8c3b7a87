import { Actor } from '@app/core';
import type { UnitContact } from '../unit.events';
import { UnitStep } from '../unit-lifecycle/unit-step.command';

/** Sets how the public reaches the unit (its letters and the Reply-To of its e-mail), and its own receipt text. */
export class SetUnitContact extends UnitStep {
  constructor(
    unitId: string,
    readonly contact: UnitContact,
    actor: Actor,
    expectedRevision?: bigint,
  ) {
    super(unitId, actor, expectedRevision);
  }

  decision(now: Date) {
    return { type: 'SetUnitContact' as const, unitId: this.unitId, contact: this.contact, now };
  }
}
