import { InvalidInputError, NotFoundError, RuleViolationError } from '@app/core';
import { deciderSpec } from '@app/testing';
import { hashApiKey, newApiKey } from './api-keys';
import { open311ClientDecider } from './open311-client.decider';
import { Open311ClientEvent } from './open311-client.events';

const spec = deciderSpec(open311ClientDecider);
const now = new Date('2026-03-02T09:00:00Z');
const keyHash = hashApiKey('a-key');
const issued: Open311ClientEvent = {
  type: 'ApiKeyIssued.v1',
  data: { clientId: 'c1', name: 'Stadens e-tjänst', keyHash, at: '2026-03-01T09:00:00.000Z' },
};

describe('Open311 client decider', () => {
  it('issues a key, storing only its hash', () =>
    spec
      .given()
      .when({ type: 'IssueApiKey', clientId: 'c1', name: ' Stadens e-tjänst ', keyHash, now })
      .then([{ type: 'ApiKeyIssued.v1', data: { clientId: 'c1', name: 'Stadens e-tjänst', keyHash, at: now.toISOString() } }]));

  it('refuses an empty name, something that is not a hash, and a second issue on the same client', () => {
    spec.given().when({ type: 'IssueApiKey', clientId: 'c1', name: ' ', keyHash, now }).thenThrows(InvalidInputError);
    spec.given().when({ type: 'IssueApiKey', clientId: 'c1', name: 'x', keyHash: 'plain-key', now }).thenThrows(InvalidInputError);
    spec
      .given([issued])
      .when({ type: 'IssueApiKey', clientId: 'c1', name: 'x', keyHash, now })
      .thenThrows(RuleViolationError, 'client_exists');
  });

  it('revokes once; an unknown client is not found', () => {
    spec
      .given([issued])
      .when({ type: 'RevokeApiKey', reason: 'avtal slut', now })
      .then([{ type: 'ApiKeyRevoked.v1', data: { clientId: 'c1', reason: 'avtal slut', at: now.toISOString() } }]);
    spec
      .given([issued, { type: 'ApiKeyRevoked.v1', data: { clientId: 'c1', at: now.toISOString() } }])
      .when({ type: 'RevokeApiKey', now })
      .thenThrows(RuleViolationError, 'already_revoked');
    spec.given().when({ type: 'RevokeApiKey', now }).thenThrows(NotFoundError);
  });

  it('makes keys of a client id and 32 random bytes, different every time', () => {
    const a = newApiKey();
    const b = newApiKey();
    expect(a.key).toMatch(/^[0-9a-f]{16}\.[A-Za-z0-9_-]{43}$/);
    expect(a.key.startsWith(`${a.clientId}.`)).toBe(true);
    expect(a.key).not.toBe(b.key);
    expect(hashApiKey(a.key)).toMatch(/^[0-9a-f]{64}$/);
  });
});
