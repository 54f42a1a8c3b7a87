import { Decider, DomainEvent, fold } from './decider';
import { PreconditionFailedError } from './errors';
import { AppendMetadata, EventStreamStore, RecordedEvent, WrongExpectedRevisionError } from './events';

export interface HandleOptions {
  /** The client's If-Match revision; a mismatch is a 412, never retried. */
  expectedRevision?: bigint;
  metadata?: AppendMetadata;
  /** How many times a conflict with a concurrent writer is retried when the client gave no revision. */
  maxRetries?: number;
  /**
   * The stream is new (its id was just generated): the first attempt decides on the initial state without reading
   * and appends expecting no stream. Should the stream exist after all, that append conflicts and the retry reads it.
   */
  newStream?: boolean;
}

export interface HandleResult<State> {
  state: State;
  /** Events written by this command (empty when the decider decided nothing). */
  events: RecordedEvent[];
  /** Current stream revision after the command; -1n when the stream does not exist. */
  revision: bigint;
  /** Global position of the last written event, if any. */
  position?: bigint;
}

/** read → fold → decide → append with the revision read; conflicts retried a bounded number of times. */
export async function handleCommand<State, Command, Event extends DomainEvent>(
  store: EventStreamStore,
  decider: Decider<State, Command, Event>,
  streamId: string,
  command: Command | ((state: State) => Command),
  options: HandleOptions = {},
): Promise<HandleResult<State>> {
  const maxRetries = options.expectedRevision === undefined ? (options.maxRetries ?? 5) : 0;
  for (let attempt = 0; ; attempt++) {
    const history = options.newStream && attempt === 0 ? [] : await store.readStream(streamId);
    const revision = history.length ? history[history.length - 1].revision : -1n;
    if (options.expectedRevision !== undefined && options.expectedRevision !== revision) {
      throw new PreconditionFailedError(options.expectedRevision, revision < 0n ? 'no_stream' : revision);
    }
    const state = fold(decider, history as unknown as Event[]);
    const cmd = typeof command === 'function' ? (command as (s: State) => Command)(state) : command;
    const decided = decider.decide(cmd, state);
    if (decided.length === 0) return { state, events: [], revision };
    try {
      const result = await store.append(
        streamId,
        decided.map((e) => ({ type: e.type, data: e.data, metadata: options.metadata })),
        { expectedRevision: revision < 0n ? 'no_stream' : revision },
      );
      const next = fold(decider, result.events as unknown as Event[], state);
      return { state: next, events: result.events, revision: result.nextExpectedRevision, position: result.position };
    } catch (err) {
      if (!(err instanceof WrongExpectedRevisionError) || attempt >= maxRetries) {
        if (err instanceof WrongExpectedRevisionError && options.expectedRevision !== undefined) {
          throw new PreconditionFailedError(options.expectedRevision, err.actual);
        }
        throw err;
      }
    }
  }
}
