import { history, HistoryStep } from '@app/core';
import { UnitCommand, unitDecider, UnitState } from './unit.decider';
import { UnitEvent } from './unit.events';

/** The events a unit records for these commands in turn (see history): for benchmarks and tests. */
export const unitEventsFor = (steps: Iterable<HistoryStep<UnitState, UnitCommand>>): UnitEvent[] => history(unitDecider, steps).events;
