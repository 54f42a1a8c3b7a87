import {
  CallHandler,
  ConflictException,
  ExecutionContext,
  Inject,
  Injectable,
  NestInterceptor,
  UnprocessableEntityException,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Request, Response } from 'express';
import { catchError, concatMap, defer, from, Observable } from 'rxjs';
import type { Principal } from '@app/auth';
import { CLOCK, Clock } from '@app/core';
import { IdempotencyStore, IdempotentOutcome } from './idempotency.store';
import { ResourceReaders } from './resource-readers';
import { ANSWERED_RESOURCE, AnsweredResource } from './resource-result';

const KEY = /^[A-Za-z0-9._:-]{1,200}$/;
/**
 * A caller no guard identified: readers check it like any user without roles. (An Open311 client is identified by its
 * api_key before this runs, see Open311KeyGuard, so its keys are scoped to it.)
 */
const NOBODY: Principal = { sub: 'anonymous', roles: [], units: [] };

/**
 * Same Idempotency-Key and body → the same resource (same id); same key with another body → 422; while the first is
 * still running → 409. The record keeps what was created, never the answer: a replay reads the resource again, as the
 * caller may see it now (an erased case reads as erased, a confidential case's text is not in it).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly readers: ResourceReaders,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request & { user?: Principal }>();
    const key = req.header('idempotency-key');
    if (req.method !== 'POST' || key === undefined) return next.handle();
    if (!KEY.test(key)) {
      throw new UnprocessableEntityException({
        message: 'Idempotency-Key must be 1–200 characters of letters, digits, . _ : -',
        problem: { code: 'bad_idempotency_key' },
      });
    }
    const res = http.getResponse<Response>();
    const user = req.user ?? NOBODY;
    const scope = `${user.sub} ${req.path}`;
    const hash = createHash('sha256')
      .update(canonicalize(req.body ?? null) ?? '')
      .digest('hex');
    const status = (Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) as number | undefined) ?? 201;

    return from(this.store.reserve(scope, key, hash, this.clock.now())).pipe(
      concatMap((reservation) => {
        if (reservation.kind === 'mismatch') {
          throw new UnprocessableEntityException({
            message: 'This Idempotency-Key was already used with a different request body.',
            problem: { code: 'idempotency_key_reused' },
          });
        }
        if (reservation.kind === 'in_progress') {
          throw new ConflictException({
            message: 'A request with this Idempotency-Key is still in progress.',
            problem: { code: 'idempotency_in_progress' },
          });
        }
        if (reservation.kind === 'replay') return defer(() => this.replay(reservation.outcome, user, res));
        const { token } = reservation;
        return next.handle().pipe(
          catchError(async (error) => {
            await this.store.release(scope, key, token);
            throw error;
          }),
          // Recorded before the answer leaves, so a retry that follows it at once gets the replay, not a 409. (Should
          // recording fail, the key stays pending until its lease ends: the write happened, so it is not released.)
          concatMap(async (body) => {
            await this.store.complete(scope, key, token, outcomeOf(res, status));
            return body;
          }),
        );
      }),
    );
  }

  /**
   * Answers as the first request did: its status and X-Event-Position, with the resource as it is now (its current
   * ETag). A request that answered no resource (an admin action: a projection rebuild, a digest) replays with its
   * status and an empty body.
   */
  private async replay(outcome: IdempotentOutcome, user: Principal, res: Response): Promise<unknown> {
    const current = outcome.resource && (await this.readers.read(outcome.resource.kind, outcome.resource.id, user));
    res.setHeader('Idempotent-Replayed', 'true');
    if (outcome.position !== undefined) res.setHeader('X-Event-Position', outcome.position.toString());
    if (current?.revision !== undefined && current.revision >= 0n) res.setHeader('ETag', `"${current.revision}"`);
    res.status(outcome.status);
    return current ? current.body : undefined;
  }
}

function outcomeOf(res: Response, status: number): IdempotentOutcome {
  const answered = res.locals[ANSWERED_RESOURCE] as AnsweredResource | undefined;
  return {
    resource: answered?.resource ?? null,
    status,
    ...(answered?.revision !== undefined ? { revision: answered.revision } : {}),
    ...(answered?.position !== undefined ? { position: answered.position } : {}),
  };
}
