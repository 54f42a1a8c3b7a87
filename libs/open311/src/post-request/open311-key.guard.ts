import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { Principal } from '@app/auth';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { Open311Client, verifyApiKey } from '../api-keys/api-keys';
import { Open311Error } from '../open311-error';

/** An Open311 client files as intake does; its events name it as the actor, and its Idempotency-Keys are its own. */
export const open311Principal = (client: Open311Client): Principal => ({
  sub: `open311:${client.clientId}`,
  name: client.name,
  roles: ['intake'],
  units: [],
});

/**
 * Verifies the `api_key` in the body and makes its client the caller (`req.user`). Guards run before interceptors, so the
 * idempotency interceptor scopes keys per client rather than one scope for every caller without a token. The key is
 * then taken out of the body: nothing after this needs the secret, and the idempotency hash covers the filing alone.
 */
@Injectable()
export class Open311KeyGuard implements CanActivate {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request & { user?: Principal }>();
    const body = req.body as Record<string, unknown> | undefined;
    const client = await verifyApiKey(this.store, body?.api_key);
    if (!client) throw Open311Error.key();
    delete body!.api_key;
    req.user = open311Principal(client);
    return true;
  }
}
