import { AsKnown } from '@app/core';
import { EventStore } from '@app/event-store';
import { breachDecider, BreachState } from './breach.decider';
import { breachStream } from './breach.events';
import { loadKnown } from './known-events';

/** A breach from its stream (as known at `asKnown`, default now), with its revision; NotFoundError when absent. */
export function loadBreach(store: EventStore, breachId: string, asKnown: AsKnown = {}): Promise<BreachState & { revision: bigint }> {
  return loadKnown(store, breachDecider, breachStream(breachId), 'breach', breachId, asKnown);
}
