import { fold } from '@app/core';
import { CaseCommand, caseDecider, CaseState } from './case.decider';
import { CaseEvent } from './case.events';

/**
 * The events a case records for these commands in turn, each decided on the state the earlier ones left (a step that
 * gives no command is skipped): for benchmarks and tests that write case streams without going through the API.
 */
export function caseEventsFor(steps: Iterable<(state: CaseState) => CaseCommand | undefined>): CaseEvent[] {
  let state = caseDecider.initialState();
  const events: CaseEvent[] = [];
  for (const step of steps) {
    const command = step(state);
    if (!command) continue;
    const decided = caseDecider.decide(command, state);
    state = fold(caseDecider, decided, state);
    events.push(...decided);
  }
  return events;
}
