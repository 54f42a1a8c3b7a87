/** An event as a decider emits it: a versioned type name and plain serialisable data. */
export interface DomainEvent<T extends string = string, D = unknown> {
  type: T;
  data: D;
}

/**
 * The business rules of one aggregate as pure functions.
 * `decide` never reads a clock: the command carries the instant it is decided at.
 */
export interface Decider<State, Command, Event extends DomainEvent> {
  initialState(): State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State): Event[];
}

export function fold<State, Event extends DomainEvent>(
  decider: Pick<Decider<State, never, Event>, 'initialState' | 'evolve'>,
  events: Iterable<Event>,
  state: State = decider.initialState(),
): State {
  let current = state;
  for (const event of events) current = decider.evolve(current, event);
  return current;
}
