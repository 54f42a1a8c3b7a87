import { Actor } from '@app/core';
import type { UnitCommand } from '../unit.decider';

/** A step on an existing unit (admin): each subclass says what it decides; one UnitStep handler runs them all. */
export abstract class UnitStep {
  constructor(
    readonly unitId: string,
    readonly actor: Actor,
    readonly expectedRevision?: bigint,
  ) {}

  abstract decision(now: Date): UnitCommand;
}
