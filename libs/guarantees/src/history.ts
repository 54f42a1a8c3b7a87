import { Decider, DomainEvent, fold } from '@app/core';
import { BreachCommand, breachDecider, BreachState } from './breach.decider';
import { BreachEvent } from './breach.events';
import { GuaranteeCommand, guaranteeDecider, GuaranteeState } from './guarantee.decider';
import { GuaranteeEvent } from './guarantee.events';

type Step<S, C> = (state: S) => C | undefined;

function history<S, C, E extends DomainEvent>(decider: Decider<S, C, E>, steps: Iterable<Step<S, C>>): { events: E[]; state: S } {
  let state = decider.initialState();
  const events: E[] = [];
  for (const step of steps) {
    const command = step(state);
    if (!command) continue;
    const decided = decider.decide(command, state);
    state = fold(decider, decided, state);
    events.push(...decided);
  }
  return { events, state };
}

/**
 * The events a guarantee records for these commands in turn, each decided on the state the earlier ones left (a step
 * that gives no command is skipped), and the state they leave: for benchmarks and tests that write streams without the API.
 */
export const guaranteeHistory = (
  steps: Iterable<Step<GuaranteeState, GuaranteeCommand>>,
): { events: GuaranteeEvent[]; state: GuaranteeState } => history(guaranteeDecider, steps);

/** The events a breach records for these commands in turn, and the state they leave, as guaranteeHistory does. */
export const breachHistory = (steps: Iterable<Step<BreachState, BreachCommand>>): { events: BreachEvent[]; state: BreachState } =>
  history(breachDecider, steps);
