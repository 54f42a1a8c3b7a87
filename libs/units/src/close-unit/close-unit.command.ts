import { Actor } from '@app/core';

/** Closes a unit: it takes no new cases; its history stays (admin). */
export class CloseUnit {
  constructor(
    readonly unitId: string,
    readonly reason: string | undefined,
    readonly actor: Actor,
    readonly expectedRevision?: bigint,
  ) {}
}
