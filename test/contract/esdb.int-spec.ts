import { tmpdir } from 'node:os';
import { createEventStore } from '@app/event-store';
import { eventStoreContract } from './event-store.contract';

// Runs against a real KurrentDB/EventStoreDB only (see docker/); without one the suite is reported as skipped.
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

eventStoreContract(
  'esdb (KurrentDB / EventStoreDB)',
  async (options) => {
    const store = createEventStore({ dataDir: tmpdir(), eventStoreConnectionString: connectionString, upcasters: options?.upcasters });
    if (store.kind !== 'esdb') throw new Error('EVENTSTORE_CONNECTION_STRING did not select the esdb adapter');
    return store;
  },
  connectionString ? describe : describe.skip,
);
