import { history, HistoryStep } from '@app/core';
import { CaseCommand, caseDecider, CaseState } from './case.decider';
import { CaseEvent } from './case.events';

/** The events a case records for these commands in turn (see history): for benchmarks and tests. */
export const caseEventsFor = (steps: Iterable<HistoryStep<CaseState, CaseCommand>>): CaseEvent[] => history(caseDecider, steps).events;
