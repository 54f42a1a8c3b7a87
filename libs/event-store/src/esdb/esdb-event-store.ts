// Placeholder replaced by the EventStoreDB adapter.
import { Clock } from '@app/core';
import { UpcasterRegistry } from '../upcasters';
import { EventStore } from '../event-store.port';
export class EsdbEventStore {
  static connect(_cs: string, _o: { upcasters?: UpcasterRegistry; clock?: Clock }): EventStore {
    throw new Error('EventStoreDB adapter not built yet');
  }
}
