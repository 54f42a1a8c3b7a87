import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, InvalidInputError, PreconditionFailedError, WrongExpectedRevisionError } from '@app/core';
import { InvalidPositionError, SubjectErasedError } from '@app/event-store';
import { ReplayAbandonedError, ReplaysBusyError } from '../replays/replay-pool';
import { Problem, problem, PROBLEM_CONTENT_TYPE } from './problem';
import { RequestValidationException } from './validation';

/** The one place where errors become RFC 9457 responses. Nothing a client sent may end as a 500. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (exception instanceof ReplayAbandonedError) return; // its client went away: there is no one to answer
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toProblem(exception);
    if (body.status >= 500) this.logger.error(describe(exception));
    if (res.headersSent) return;
    if (exception instanceof ReplaysBusyError) res.setHeader('Retry-After', String(exception.retryAfterSeconds));
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
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const detail = typeof response === 'string' ? response : (messageOf(response) ?? exception.message);
      const extra =
        typeof response === 'object' && response && 'problem' in response ? (response as { problem: Partial<Problem> }).problem : {};
      return problem(status, detail, { ...extra, ...healthOf(response) });
    }
    return problem(500, 'An unexpected error occurred; it has been logged.');
  }
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
