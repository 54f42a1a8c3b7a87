/** A field-level problem, as listed in a 400 problem response. */
export interface FieldError {
  field: string;
  message: string;
}

/** Base of every error the domain raises on purpose; mapped to problem+json in one place. */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input that is well-formed but breaks a field rule the decider owns. */
export class InvalidInputError extends DomainError {
  readonly status = 400;
  constructor(readonly errors: FieldError[]) {
    super('invalid_input', errors.map((e) => `${e.field}: ${e.message}`).join('; '));
  }
}

export class NotFoundError extends DomainError {
  readonly status = 404;
  constructor(what: string, id: string) {
    super('not_found', `${what} ${id} does not exist`);
  }
}

/** A business rule forbids the command in the current state. */
export class RuleViolationError extends DomainError {
  readonly status = 409;
  constructor(rule: string, message: string) {
    super(rule, message);
  }
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
  constructor(message: string) {
    super('forbidden', message);
  }
}

/** The client's If-Match revision is not the stream's current revision. */
export class PreconditionFailedError extends DomainError {
  readonly status = 412;
  constructor(
    readonly expected: bigint,
    readonly actual: bigint | 'no_stream',
  ) {
    super('stale_revision', `expected revision ${expected}, but the resource is at ${actual === 'no_stream' ? 'no revision' : actual}`);
  }
}
