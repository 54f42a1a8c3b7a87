import { join } from 'node:path';
import { Clock } from '@app/core';
import { KeyStore, openKeyStore, PersonalDataPolicy } from '@app/event-store';
import { IdempotencyStore } from '../http/idempotency.store';
import { PostgresIdempotencyStore } from '../http/postgres-idempotency.store';
import { IDEMPOTENCY_FILE, SqliteIdempotencyStore } from '../http/sqlite-idempotency.store';
import { AppConfig } from './app-config';

/**
 * The PostgreSQL key store when one is configured (several hosts), opened and migrated before the app serves; undefined
 * means the SQLite file (createEventStore opens it). None without personal data to seal.
 */
export async function openConfiguredKeyStore(
  config: AppConfig,
  clock: Clock,
  personalData: PersonalDataPolicy | undefined,
): Promise<KeyStore | undefined> {
  if (!config.keyStoreUrl || !personalData?.types.length) return undefined;
  return openKeyStore({ ...config, clock });
}

/** PostgreSQL when IDEMPOTENCY_STORE_URL or POSTGRES_URL is set (several hosts), else DATA_DIR/idempotency.sqlite. */
export async function openIdempotencyStore(config: AppConfig): Promise<IdempotencyStore> {
  const times = { ttlMs: config.idempotency.ttlHours * 3_600_000, leaseMs: config.idempotency.leaseSeconds * 1000 };
  if (config.idempotencyStoreUrl) return PostgresIdempotencyStore.open({ url: config.idempotencyStoreUrl, ...times });
  return new SqliteIdempotencyStore({ path: join(config.dataDir, IDEMPOTENCY_FILE), ...times });
}
