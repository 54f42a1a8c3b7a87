import {
  CallHandler,
  ConflictException,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  UnprocessableEntityException,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Request, Response } from 'express';
import { Observable, of, tap } from 'rxjs';
import { IdempotencyStore } from './idempotency.store';

const REPLAYED_HEADERS = ['etag', 'x-event-position', 'location'];
const KEY = /^[A-Za-z0-9._:-]{1,200}$/;

/** Same Idempotency-Key and body → the same response; same key with another body → 422. */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly store: IdempotencyStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request & { user?: { sub?: string } }>();
    const key = req.header('idempotency-key');
    if (req.method !== 'POST' || key === undefined) return next.handle();
    if (!KEY.test(key)) {
      throw new UnprocessableEntityException({
        message: 'Idempotency-Key must be 1–200 characters of letters, digits, . _ : -',
        problem: { code: 'bad_idempotency_key' },
      });
    }
    const res = http.getResponse<Response>();
    const scope = `${req.user?.sub ?? 'anonymous'} ${req.path}`;
    const hash = createHash('sha256')
      .update(canonicalize(req.body ?? null) ?? '')
      .digest('hex');
    const reservation = this.store.reserve(scope, key, hash);
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
    if (reservation.kind === 'replay') {
      for (const [name, value] of Object.entries(reservation.response.headers)) res.setHeader(name, value);
      res.setHeader('Idempotent-Replayed', 'true');
      res.status(reservation.response.status);
      return of(reservation.response.body);
    }
    const status = (Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) as number | undefined) ?? 201;
    return next.handle().pipe(
      tap({
        next: (body) => {
          const headers: Record<string, string> = {};
          for (const name of REPLAYED_HEADERS) {
            const v = res.getHeader(name);
            if (v !== undefined) headers[name] = String(v);
          }
          this.store.complete(scope, key, { status, headers, body });
        },
        error: () => this.store.release(scope, key),
      }),
    );
  }
}
