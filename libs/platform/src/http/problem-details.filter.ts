import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject, Logger, Optional } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, InvalidInputError, PreconditionFailedError, WrongExpectedRevisionError } from '@app/core';
import { InvalidPositionError, MissingDataKeyError, SubjectErasedError } from '@app/event-store';
import { ProjectionsHost } from '../projections/projections-host';
import { ReplayAbandonedError, ReplaysBusyError } from '../replays/replay-pool';
import { Problem, problem, PROBLEM_CONTENT_TYPE } from './problem';
import { RequestValidationException } from './validation';

/** What the filter asks of the read models: whether one is being rebuilt (ProjectionsHost). */
export interface RebuildWatch {
  rebuilding(): boolean;
}

/** The one place where errors become RFC 9457 responses. Nothing a client sent may end as a 500. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  constructor(@Optional() @Inject(ProjectionsHost) private readonly readModels?: RebuildWatch) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (exception instanceof ReplayAbandonedError) return; // its client went away: there is no one to answer
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toProblem(exception);
    if (body.status >= 500) this.logger.error(exception instanceof MissingDataKeyError ? missingKeyLine(exception) : describe(exception));
    if (res.headersSent) return;
    if (exception instanceof ReplaysBusyError) res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    if (body.code === 'read_model_upgrading') res.setHeader('Retry-After', '5');
    res.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  }

  toProblem(exception: unknown): Problem {
    if (exception instanceof RequestValidationException) {
      return problem(400, 'The request has invalid fields.', { code: 'validation', errors: exception.errors });
    }
    if (exception instanceof InvalidInputError) {
      return problem(400, exception.message, { code: exception.code, errors: exception.errors });
    }
    if (exception instanceof PreconditionFailedError) {
      return problem(412, exception.message, { code: exception.code, currentRevision: String(exception.actual) });
    }
    if (exception instanceof DomainError) return problem(exception.status, exception.message, { code: exception.code });
    if (exception instanceof SubjectErasedError) {
      // A step whose text would be personal data of an erased case: its key is gone, and nothing is ever stored in the clear.
      return problem(409, 'The personal data of this case has been erased; a step carrying text about it cannot be recorded.', {
        code: 'personal_data_erased',
      });
    }
    if (exception instanceof InvalidPositionError) {
      return problem(400, exception.message, { code: 'invalid_position' });
    }
    if (exception instanceof WrongExpectedRevisionError) {
      return problem(409, 'The resource was changed concurrently; try again.', { code: 'concurrent_change' });
    }
    if (exception instanceof ReplaysBusyError) return problem(503, exception.message, { code: 'replays_busy' });
    if (exception instanceof MissingDataKeyError) {
      // Not the client's doing and not an erasure: the operator restored or pointed at the wrong key store.
      return problem(500, MISSING_KEY_DETAIL, { code: 'data_key_missing', title: MISSING_KEY_TITLE });
    }
    if (isReadModelBehindCode(exception) && this.upgrading()) {
      return problem(503, READ_MODEL_UPGRADING, { code: 'read_model_upgrading' });
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const detail = typeof response === 'string' ? response : (messageOf(response) ?? exception.message);
      const extra =
        typeof response === 'object' && response && 'problem' in response ? (response as { problem: Partial<Problem> }).problem : {};
      return problem(status, detail, { ...codeFor(status), ...extra, ...healthOf(response) });
    }
    return problem(500, 'An unexpected error occurred; it has been logged.');
  }

  private upgrading(): boolean {
    try {
      return this.readModels?.rebuilding() ?? false;
    } catch {
      return false;
    }
  }
}

const READ_MODEL_UPGRADING =
  'A read model is being rebuilt for this version of the application and cannot answer this yet; try again shortly.';

/**
 * A read model's table or column the query asks for is not there: after an upgrade that changed a projection, its old
 * generation keeps serving until the new one is built and swapped in, and a query written for the new one fails on it
 * (seconds on a small log). A 503 with Retry-After while a rebuild is under way, a 500 otherwise (a query that is simply
 * wrong, a rebuild that failed); logged at error either way. Not `instanceof`: better-sqlite3's error class is one per
 * module instance, and a test runner may load several.
 */
function isReadModelBehindCode(exception: unknown): boolean {
  const e = exception as { name?: unknown; code?: unknown; message?: unknown } | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    e.name === 'SqliteError' &&
    e.code === 'SQLITE_ERROR' &&
    typeof e.message === 'string' &&
    /^no such (column|table)\b/.test(e.message)
  );
}

/** Codes for Nest's own exceptions that carry none (the guard's 401, every 403), as other problems carry theirs. */
const HTTP_CODES: Record<number, string | undefined> = { 401: 'unauthorized', 403: 'forbidden' };
const codeFor = (status: number): Partial<Problem> => (HTTP_CODES[status] ? { code: HTTP_CODES[status] } : {});

const MISSING_KEY_TITLE = 'The key store does not belong to this event log (see the README, "Runbook: the key store")';
const MISSING_KEY_DETAIL =
  'The personal data cannot be opened: the key store (keys.sqlite in DATA_DIR, KEY_STORE_PATH or KEY_STORE_URL) holds neither ' +
  'its key nor a record of its erasure. Restore the key store that belongs to this event log; see the README, ' +
  '"Backups, WAL and crypto-shredding" and "Runbook: the key store".';

/** The subject id only, no personal data; a stack would add nothing an operator can act on. */
function missingKeyLine(err: MissingDataKeyError): string {
  return `MissingDataKeyError: no data key and no erasure record for subject ${err.kid}; is the key store this event log's?`;
}

/** A failed health check (terminus) keeps its per-indicator report, so an operator sees what is down. */
function healthOf(response: string | object): object {
  if (typeof response !== 'object' || (response as { status?: unknown }).status !== 'error' || !('details' in response)) return {};
  const { info, error, details } = response as Record<string, unknown>;
  return { info, error, details };
}

function messageOf(response: object): string | undefined {
  const m = (response as { message?: unknown }).message;
  if (typeof m === 'string') return m;
  if (Array.isArray(m)) return m.join('; ');
  return undefined;
}

function describe(exception: unknown): string {
  return exception instanceof Error ? `${exception.name}: ${exception.message}\n${exception.stack ?? ''}` : String(exception);
}
