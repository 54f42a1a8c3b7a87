import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import { eventStoreContract } from './event-store.contract';

eventStoreContract('sqlite (file, group commit)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'synpunkt-contract-'));
  return new SqliteEventStore({ path: join(dir, 'events.sqlite'), pollMs: 20 });
});

eventStoreContract('sqlite (file, one transaction per append)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'synpunkt-contract-'));
  return new SqliteEventStore({ path: join(dir, 'events.sqlite'), pollMs: 20, groupCommit: false });
});
