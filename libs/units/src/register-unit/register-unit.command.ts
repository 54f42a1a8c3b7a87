import { Actor } from '@app/core';

/** Registers a unit of the organisation (admin). */
export class RegisterUnit {
  constructor(
    readonly unit: { id: string; name: string; department: string; district: string },
    readonly actor: Actor,
  ) {}
}
