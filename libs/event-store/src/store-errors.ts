/**
 * Failures of the way to the log rather than of the request: the node went away, lost leadership, or the call ran out
 * of time. The data did not change, so the same read or subscription may be tried again. Named by the KurrentDB
 * client's error `type`s (checked here without loading the client); `unknown` is the client's name for any other gRPC
 * status, so an `unknown` carrying INVALID_ARGUMENT (a bad request, such as a position that is no event's) is not one.
 */
const TRANSIENT_TYPES = new Set(['unavailable', 'not-leader', 'deadline-exceeded', 'timeout', 'unknown', 'cancelled']);
const GRPC_INVALID_ARGUMENT = 3;

function isTransientItself(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { type, code } = err as { type?: unknown; code?: unknown };
  if (typeof type !== 'string' || !TRANSIENT_TYPES.has(type)) return false;
  return !(type === 'unknown' && code === GRPC_INVALID_ARGUMENT);
}

/** Is this error, or one it was caused by, a transient failure to reach the log? */
export function isTransientStoreError(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (isTransientItself(e)) return true;
  }
  return false;
}

/** A position a client sent that is no event's place in the log (KurrentDB positions are byte offsets, not counts). */
export class InvalidPositionError extends Error {
  constructor(readonly position: bigint) {
    super(`position ${position} is not the position of an event in the log; take positions from nextPosition or X-Event-Position`);
    this.name = 'InvalidPositionError';
  }
}

/** The server refused to read from a position: gRPC INVALID_ARGUMENT, which the 6.x client reports as `unknown`. */
export function isInvalidPosition(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { type, code } = err as { type?: unknown; code?: unknown };
  return (type === 'unknown' || type === 'invalid-argument') && code === GRPC_INVALID_ARGUMENT;
}
