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

/** A step of a history: the command to decide on the state the earlier steps left, or undefined to skip. */
export type HistoryStep<State, Command> = (state: State) => Command | undefined;

/**
 * The events an aggregate records for these commands in turn, each decided on the state the earlier ones left, and
 * the state they leave: for benchmarks and tests that write streams without the API.
 */
export function history<State, Command, Event extends DomainEvent>(
  decider: Decider<State, Command, Event>,
  steps: Iterable<HistoryStep<State, Command>>,
): { events: Event[]; state: State } {
  let state = decider.initialState();
  const events: Event[] = [];
  for (const step of steps) {
    const command = step(state);
    if (!command) continue;
    const decided = decider.decide(command, state);
    state = fold(decider, decided, state);
    events.push(...decided);
  }
  return { events, state };
}
