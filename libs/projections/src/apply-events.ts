import { RecordedEvent } from '@app/core';
import { matchesFilter } from '@app/event-store';
import { FailedEvent, Projection } from './projection';
import { ReadModelStore } from './read-model-store';

/** A projection's `apply` threw for this event; the transaction around it was rolled back. */
export class ApplyError extends Error {
  constructor(
    readonly event: RecordedEvent,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'ApplyError';
  }
}

/** The message a failure is reported with: an ApplyError's cause, with the event it failed at. */
export function describeFailure(err: unknown): { message: string; event?: FailedEvent } {
  const cause = err instanceof ApplyError ? err.cause : err;
  const message = cause instanceof Error ? cause.message : String(cause);
  if (!(err instanceof ApplyError)) return { message };
  const { position, type, streamId } = err.event;
  return { message: `${message} (at position ${position}, ${type} in ${streamId})`, event: { position, type, streamId } };
}

export interface UnitOfWork {
  /** See ProjectionTx.scope; a fresh one (this transaction alone) when left out. */
  scope?: object;
  /** Ends the unit of work in this transaction (calls the projection's flush). Default true. */
  end?: boolean;
}

/**
 * Applies events to one generation in a single transaction and returns the last position. With `checkpoint`,
 * the projection's checkpoint moves in the same transaction, so events and checkpoint commit or vanish together.
 */
export function applyInTransaction(
  readModels: ReadModelStore,
  projection: Projection,
  generation: number,
  events: RecordedEvent[],
  checkpoint: boolean,
  work: UnitOfWork = {},
): bigint {
  const tx = readModels.tx(projection, generation, work.scope);
  const filter = projection.filter ?? {};
  return readModels.db.transaction(() => {
    for (const event of events) {
      if (!matchesFilter(filter, event.streamId, event.type)) continue;
      try {
        projection.apply(tx, event);
      } catch (err) {
        throw new ApplyError(event, err);
      }
    }
    if (work.end ?? true) projection.flush?.(tx);
    const last = events[events.length - 1].position;
    if (checkpoint) readModels.checkpoints.advance(projection.name, last);
    return last;
  })();
}

/** Ends a unit of work that the last page left open: the projection writes what it kept, in one transaction. */
export function endUnitOfWork(readModels: ReadModelStore, projection: Projection, generation: number, scope: object): void {
  if (!projection.flush) return;
  const tx = readModels.tx(projection, generation, scope);
  readModels.db.transaction(() => projection.flush!(tx))();
}

/**
 * Like `applyInTransaction`, but when one event fails, the events before it are still committed (each batch
 * is only a grouping for throughput) and the ApplyError for the failing one is thrown.
 */
export function applyUpToFailure(
  readModels: ReadModelStore,
  projection: Projection,
  generation: number,
  events: RecordedEvent[],
  checkpoint: boolean,
  onCommitted: (position: bigint) => void,
): void {
  try {
    onCommitted(applyInTransaction(readModels, projection, generation, events, checkpoint));
  } catch (err) {
    const index = err instanceof ApplyError ? events.indexOf(err.event) : -1;
    if (index > 0) onCommitted(applyInTransaction(readModels, projection, generation, events.slice(0, index), checkpoint));
    throw err;
  }
}
