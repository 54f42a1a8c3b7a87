import { Decider, InvalidInputError, NotFoundError, RuleViolationError } from '@app/core';
import { Open311ClientEvent } from './open311-client.events';

export interface Open311ClientState {
  exists: boolean;
  clientId?: string;
  name?: string;
  keyHash?: string;
  issuedAt?: string;
  revokedAt?: string;
}

export type Open311ClientCommand =
  | { type: 'IssueApiKey'; clientId: string; name: string; keyHash: string; now: Date }
  | { type: 'RevokeApiKey'; reason?: string; now: Date };

export const open311ClientDecider: Decider<Open311ClientState, Open311ClientCommand, Open311ClientEvent> = {
  initialState: () => ({ exists: false }),

  evolve(s, event) {
    switch (event.type) {
      case 'ApiKeyIssued.v1':
        return { exists: true, clientId: event.data.clientId, name: event.data.name, keyHash: event.data.keyHash, issuedAt: event.data.at };
      case 'ApiKeyRevoked.v1':
        return { ...s, revokedAt: event.data.at };
    }
  },

  decide(command, s) {
    const at = command.now.toISOString();
    switch (command.type) {
      case 'IssueApiKey': {
        if (s.exists) throw new RuleViolationError('client_exists', `Open311 client ${command.clientId} already exists`);
        const name = command.name.trim();
        if (!name || name.length > 200) throw new InvalidInputError([{ field: 'name', message: 'must be 1–200 characters' }]);
        if (!/^[0-9a-f]{64}$/.test(command.keyHash))
          throw new InvalidInputError([{ field: 'keyHash', message: 'must be a SHA-256 hex digest' }]);
        return [{ type: 'ApiKeyIssued.v1', data: { clientId: command.clientId, name, keyHash: command.keyHash, at } }];
      }
      case 'RevokeApiKey':
        if (!s.exists) throw new NotFoundError('Open311 client', '(named)');
        if (s.revokedAt) throw new RuleViolationError('already_revoked', `the key of ${s.name} was revoked on ${s.revokedAt}`);
        return [{ type: 'ApiKeyRevoked.v1', data: { clientId: s.clientId!, ...(command.reason ? { reason: command.reason } : {}), at } }];
    }
  },
};
