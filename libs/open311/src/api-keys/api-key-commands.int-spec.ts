import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '@app/core';
import { SqliteEventStore } from '@app/event-store';
import { listApiKeys, verifyApiKey } from './api-keys';
import { runApiKeyCommand } from './api-key-commands';
import { IssueApiKey } from './issue-api-key/issue-api-key.command';
import { RevokeApiKey } from './revoke-api-key/revoke-api-key.command';

const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
const operator = { sub: 'cli:anna' };

describe('Open311 API keys, as the CLI runs them', () => {
  let store: SqliteEventStore;
  beforeEach(() => {
    store = new SqliteEventStore({ path: join(mkdtempSync(join(tmpdir(), 'synpunkt-keys-')), 'events.sqlite'), clock });
  });
  afterEach(() => store.close());

  describe('a key just issued', () => {
    it('opens the door for its client', async () => {
      const issued = await runApiKeyCommand(store, clock, new IssueApiKey('Stadens e-tjänst', operator));
      expect(await verifyApiKey(store, issued.key)).toEqual({
        clientId: issued.clientId,
        name: 'Stadens e-tjänst',
        issuedAt: clock.now().toISOString(),
      });
    });

    it('is recorded with the operator as actor and only its hash', async () => {
      const issued = await runApiKeyCommand(store, clock, new IssueApiKey('Stadens e-tjänst', operator));
      const [event] = await store.readStream(`open311-client-${issued.clientId}`);
      expect(event.metadata.actor).toEqual(operator);
      expect(JSON.stringify(event.data)).not.toContain(issued.key.split('.')[1]);
    });
  });

  describe('a revoked key', () => {
    it('opens nothing, and the list shows it revoked', async () => {
      const issued = await runApiKeyCommand(store, clock, new IssueApiKey('Appen', operator));
      await runApiKeyCommand(store, clock, new RevokeApiKey(issued.clientId, 'avtalet upphört', operator));
      expect(await verifyApiKey(store, issued.key)).toBeUndefined();
      expect(await listApiKeys(store)).toEqual([
        { clientId: issued.clientId, name: 'Appen', issuedAt: clock.now().toISOString(), revokedAt: clock.now().toISOString() },
      ]);
    });
  });
});
