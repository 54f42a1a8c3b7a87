import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import { eventStoreContract, OpenStore } from './event-store.contract';

/** A fresh file per test; reopened with upcasters, the same file. */
function sqlite(groupCommit: boolean): OpenStore {
  let path = '';
  return async (options) => {
    if (!options) path = join(mkdtempSync(join(tmpdir(), 'synpunkt-contract-')), 'events.sqlite');
    return new SqliteEventStore({ path, pollMs: 20, groupCommit, upcasters: options?.upcasters });
  };
}

eventStoreContract('sqlite (file, group commit)', sqlite(true));
eventStoreContract('sqlite (file, one transaction per append)', sqlite(false));
