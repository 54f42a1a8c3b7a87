import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { Clock } from '@app/core';
import { EventStore } from './event-store.port';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import { UpcasterRegistry } from './upcasters';

export interface EventStoreConfig {
  dataDir: string;
  /** Set → EventStoreDB/KurrentDB; unset → the embedded SQLite store under dataDir. */
  eventStoreConnectionString?: string;
  upcasters?: UpcasterRegistry;
  clock?: Clock;
}

export function createEventStore(config: EventStoreConfig): EventStore {
  if (config.eventStoreConnectionString) {
    // Loaded only when configured, so the embedded default never loads the gRPC client.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { EsdbEventStore } = require('./esdb/esdb-event-store') as typeof import('./esdb/esdb-event-store');
    return EsdbEventStore.connect(config.eventStoreConnectionString, { upcasters: config.upcasters, clock: config.clock });
  }
  mkdirSync(config.dataDir, { recursive: true });
  return new SqliteEventStore({ path: join(config.dataDir, 'events.sqlite'), upcasters: config.upcasters, clock: config.clock });
}
