import type { Actor } from '@app/core';

/** Revokes an Open311 client's key at once: the next filing with it is refused. */
export class RevokeApiKey {
  constructor(
    readonly clientId: string,
    readonly reason: string | undefined,
    readonly actor: Actor,
  ) {}
}
