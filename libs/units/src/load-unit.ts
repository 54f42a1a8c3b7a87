import { fold, NotFoundError } from '@app/core';
import { EventStore } from '@app/event-store';
import { unitDecider, UnitState } from './unit.decider';
import { UnitEvent, unitStream } from './unit.events';

/** A unit's current state from its stream; other modules use it to check a unit exists and is open. */
export async function loadUnit(store: EventStore, unitId: string): Promise<UnitState & { revision: bigint }> {
  const events = await store.readStream(unitStream(unitId));
  const state = fold(unitDecider, events as unknown as UnitEvent[]);
  return { ...state, revision: events.length ? events[events.length - 1].revision : -1n };
}

export async function requireUnit(store: EventStore, unitId: string): Promise<UnitState & { revision: bigint }> {
  const unit = await loadUnit(store, unitId);
  if (!unit.exists) throw new NotFoundError('unit', unitId);
  return unit;
}
