import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteKeyStore } from '@app/event-store';
import { keyStoreContract } from './key-store.contract';

keyStoreContract('sqlite (file)', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'synpunkt-keys-')), 'keys.sqlite');
  return async (clock) => new SqliteKeyStore({ path, clock });
});
