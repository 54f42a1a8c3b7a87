/** What a request with an Idempotency-Key created: enough to answer a retry by reading the resource again, never its body. */
export interface IdempotentOutcome {
  /** null: the request answered no resource (an admin action such as a rebuild); its replay has the status and no body. */
  resource: { kind: string; id: string } | null;
  /** The HTTP status it answered with. */
  status: number;
  /** The resource's revision when it was created (the replay's ETag is the current one). */
  revision?: bigint;
  /** The log position of its write (X-Event-Position). */
  position?: bigint;
}

/** The columns every adapter keeps an outcome in (revision and position as text: bigints). */
export interface OutcomeColumns {
  resource_kind: string | null;
  resource_id: string | null;
  revision: string | null;
  position: string | null;
  status: number | null;
}

/** A stored outcome read back: one mapping for every adapter. */
function outcomeOf(row: OutcomeColumns): IdempotentOutcome {
  return {
    resource: row.resource_kind !== null && row.resource_id !== null ? { kind: row.resource_kind, id: row.resource_id } : null,
    status: row.status!,
    ...(row.revision !== null ? { revision: BigInt(row.revision) } : {}),
    ...(row.position !== null ? { position: BigInt(row.position) } : {}),
  };
}

/** An outcome as the columns of OutcomeColumns, in their order (resource_kind, resource_id, revision, position, status). */
export function outcomeColumns({ resource, revision, position, status }: IdempotentOutcome) {
  return [resource?.kind ?? null, resource?.id ?? null, revision?.toString() ?? null, position?.toString() ?? null, status] as const;
}

/** A stored record as every adapter reads it back (times in ms; PostgreSQL's bigints come as text). */
export interface RecordColumns extends OutcomeColumns {
  request_hash: string;
  state: 'pending' | 'done';
  pending_until: number | string | null;
  expires_at: number | string;
}

/**
 * What a stored record answers a request with this hash at `at` (ms): undefined when the key is free for it to claim
 * (no record, an expired one, or a lease that ran out: its process died or hung). One rule for every adapter.
 */
export function answerOf(
  row: RecordColumns | undefined,
  requestHash: string,
  at: number,
): Exclude<Reservation, { kind: 'new' }> | undefined {
  if (!row || Number(row.expires_at) <= at) return undefined;
  if (row.request_hash !== requestHash) return { kind: 'mismatch' };
  if (row.state === 'done') return { kind: 'replay', outcome: outcomeOf(row) };
  if (Number(row.pending_until) > at) return { kind: 'in_progress' };
  return undefined;
}

export type Reservation =
  /** This request runs; `token` proves it still holds the key when it completes or releases. */
  { kind: 'new'; token: string } | { kind: 'replay'; outcome: IdempotentOutcome } | { kind: 'mismatch' } | { kind: 'in_progress' };

export interface IdempotencyTimes {
  /** How long a finished record answers retries. */
  ttlMs: number;
  /** How long a running request holds its key before a retry may take it over (its process died or hung). */
  leaseMs: number;
}

/**
 * The port for Idempotency-Key records, shared by every process of a deployment (the Nest injection token).
 * Time is passed in (the app's Clock), so expiry and leases never depend on the wall clock of the adapter.
 */
export abstract class IdempotencyStore {
  /** Claims the key for a request, or says what an earlier request with the same key left. */
  abstract reserve(scope: string, key: string, requestHash: string, now: Date): Promise<Reservation>;

  /** Records the outcome, unless the lease was taken over meanwhile (the taker's record wins); false then. */
  abstract complete(scope: string, key: string, token: string, outcome: IdempotentOutcome): Promise<boolean>;

  /** The request failed: frees the key for a retry, if this request still holds it. */
  abstract release(scope: string, key: string, token: string): Promise<void>;

  /** Deletes the records past their expiry; answers how many. */
  abstract purgeExpired(now: Date): Promise<number>;

  /** Whether the store answers now (readiness): every write with an Idempotency-Key goes through it. */
  abstract ping(): Promise<boolean>;

  abstract close(): Promise<void>;
}
