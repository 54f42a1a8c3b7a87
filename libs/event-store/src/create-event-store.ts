import type { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { Clock } from '@app/core';
import { EventStore } from './event-store.port';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import { UpcasterRegistry } from './upcasters';
import { EncryptingEventStore } from './vault/encrypting-event-store';
import { KeyStore } from './vault/key-store';
import { PostgresKeyStore } from './vault/postgres-key-store';
import { SqliteKeyStore } from './vault/sqlite-key-store';
import { PersonalDataPolicy } from './vault/personal-data-policy';
import { PersonalDataVault } from './vault/personal-data-vault';

export interface EventStoreConfig {
  dataDir: string;
  /** Set → EventStoreDB/KurrentDB; unset → the embedded SQLite store under dataDir. */
  eventStoreConnectionString?: string;
  upcasters?: UpcasterRegistry;
  clock?: Clock;
  /** Fields to seal with per-subject keys (kept in DATA_DIR/keys.sqlite); none when absent. */
  personalData?: PersonalDataPolicy;
  /** The key store's file when not DATA_DIR/keys.sqlite (KEY_STORE_PATH); on this host only. */
  keyStorePath?: string;
  /** An opened key store (PostgresKeyStore.open, for several hosts) instead of a SQLite file; closed with the store. */
  keyStore?: KeyStore;
  /** The embedded log's file when not DATA_DIR/events.sqlite (EVENT_STORE_PATH); on this host only. */
  eventStorePath?: string;
  /** Embedded store: emits 'append' when another process appended to the shared log (see SqliteEventStoreOptions). */
  appendSignal?: EventEmitter;
}

export function createEventStore(config: EventStoreConfig): EventStore {
  if (!config.personalData?.types.length) return createInnerStore(config, config.upcasters);
  mkdirSync(config.dataDir, { recursive: true });
  const keys = config.keyStore ?? hostKeyStore(config);
  const vault = new PersonalDataVault(keys);
  // Upcasting happens after decryption, in the encrypting store, so the inner store hands over events as stored.
  return new EncryptingEventStore(createInnerStore(config, undefined), vault, config.personalData, { upcasters: config.upcasters });
}

/** Where the personal-data keys are kept. */
export interface KeyStoreConfig {
  dataDir: string;
  /** KEY_STORE_PATH: a SQLite file on this host instead of DATA_DIR/keys.sqlite. */
  keyStorePath?: string;
  /** KEY_STORE_URL: PostgreSQL, for API instances on several hosts. */
  keyStoreUrl?: string;
  clock?: Clock;
}

/** The key store the configuration names (PostgreSQL opened and migrated), for a command that needs only the keys. */
export function openKeyStore(config: KeyStoreConfig): Promise<KeyStore> {
  if (config.keyStoreUrl) return PostgresKeyStore.open({ url: config.keyStoreUrl, clock: config.clock });
  return Promise.resolve(hostKeyStore(config));
}

/** The SQLite key store on this host: KEY_STORE_PATH, else DATA_DIR/keys.sqlite. */
function hostKeyStore(config: KeyStoreConfig): SqliteKeyStore {
  if (config.keyStorePath) return new SqliteKeyStore({ path: config.keyStorePath, clock: config.clock });
  return SqliteKeyStore.inDataDir(config.dataDir, config.clock);
}

function createInnerStore(config: EventStoreConfig, upcasters: UpcasterRegistry | undefined): EventStore {
  if (config.eventStoreConnectionString) {
    // Loaded only when configured, so the embedded default never loads the gRPC client.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { EsdbEventStore } = require('./esdb/esdb-event-store') as typeof import('./esdb/esdb-event-store');
    return EsdbEventStore.connect(config.eventStoreConnectionString, { upcasters, clock: config.clock });
  }
  mkdirSync(config.dataDir, { recursive: true });
  return new SqliteEventStore({
    path: config.eventStorePath ?? join(config.dataDir, 'events.sqlite'),
    upcasters,
    clock: config.clock,
    appendSignal: config.appendSignal,
  });
}
