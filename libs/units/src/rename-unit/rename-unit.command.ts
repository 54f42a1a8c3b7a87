import { Actor } from '@app/core';

/** Gives a unit a new name; history keeps the name that applied at the time (admin). */
export class RenameUnit {
  constructor(
    readonly unitId: string,
    readonly name: string,
    readonly actor: Actor,
    readonly expectedRevision?: bigint,
  ) {}
}
