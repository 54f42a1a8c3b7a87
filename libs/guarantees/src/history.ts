import { history, HistoryStep } from '@app/core';
import { BreachCommand, breachDecider, BreachState } from './breach.decider';
import { BreachEvent } from './breach.events';
import { GuaranteeCommand, guaranteeDecider, GuaranteeState } from './guarantee.decider';
import { GuaranteeEvent } from './guarantee.events';

/** The events a guarantee records for these commands in turn, and the state they leave (see history): for benchmarks and tests. */
export const guaranteeHistory = (
  steps: Iterable<HistoryStep<GuaranteeState, GuaranteeCommand>>,
): { events: GuaranteeEvent[]; state: GuaranteeState } => history(guaranteeDecider, steps);

/** The events a breach records for these commands in turn, and the state they leave, as guaranteeHistory does. */
export const breachHistory = (steps: Iterable<HistoryStep<BreachState, BreachCommand>>): { events: BreachEvent[]; state: BreachState } =>
  history(breachDecider, steps);
