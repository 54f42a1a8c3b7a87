import { BadRequestException, CallHandler, createParamDecorator, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { map, Observable } from 'rxjs';

export interface ResourceRef {
  /** A ResourceReaders kind: the stream category (`case`), or a name of its own for a part or another shape. */
  kind: string;
  id: string;
}

/** What a write or single-resource read returns: the body, its stream revision (ETag) and, after a write, the log position. */
export class ResourceResult<T = unknown> {
  constructor(
    readonly body: T,
    readonly revision?: bigint,
    readonly position?: bigint,
    /** Which resource the body shows, so an idempotent replay can read it again (see ResourceReaders). */
    readonly resource?: ResourceRef,
  ) {}
}

/** `case-<uuid>` → `{kind: 'case', id: '<uuid>'}`: the category is the part before the first `-`. */
export function resourceOfStream(streamId: string): ResourceRef {
  const dash = streamId.indexOf('-');
  if (dash <= 0) throw new Error(`stream id ${streamId} has no category`);
  return { kind: streamId.slice(0, dash), id: streamId.slice(dash + 1) };
}

/** What the answer showed, left on `res.locals` for the idempotency interceptor (outside this one) to record. */
export interface AnsweredResource {
  resource?: ResourceRef;
  revision?: bigint;
  position?: bigint;
}
export const ANSWERED_RESOURCE = 'answeredResource';

/** Sets ETag and X-Event-Position from a ResourceResult and sends its body. */
@Injectable()
export class ResourceHeadersInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const res = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((value) => {
        if (!(value instanceof ResourceResult)) return value;
        if (value.revision !== undefined && value.revision >= 0n) res.setHeader('ETag', `"${value.revision}"`);
        if (value.position !== undefined) res.setHeader('X-Event-Position', value.position.toString());
        const answered: AnsweredResource = { resource: value.resource, revision: value.revision, position: value.position };
        res.locals[ANSWERED_RESOURCE] = answered;
        return value.body;
      }),
    );
  }
}

/** If-Match as an expected stream revision: `"3"`, `3` or `W/"3"`; absent → undefined; malformed → 400. */
export const IfMatch = createParamDecorator((_: unknown, ctx: ExecutionContext): bigint | undefined => {
  const header = ctx.switchToHttp().getRequest<Request>().header('if-match');
  if (header === undefined || header.trim() === '' || header.trim() === '*') return undefined;
  const m = /^(?:W\/)?"?(\d{1,18})"?$/.exec(header.trim());
  if (!m) {
    throw new BadRequestException({
      message: 'If-Match must be a revision as given in the ETag header, e.g. "3"',
      problem: { code: 'validation', errors: [{ field: 'If-Match', message: 'must be a revision such as "3"' }] },
    });
  }
  return BigInt(m[1]);
});
