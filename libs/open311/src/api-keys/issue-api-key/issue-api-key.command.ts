import type { Actor } from '@app/core';

/** Issues an API key to an Open311 client (a city e-service or app); the plain key is answered once and never stored. */
export class IssueApiKey {
  constructor(
    readonly name: string,
    readonly actor: Actor,
  ) {}
}
