import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export interface RequestContext {
  correlationId: string;
  requestId: string;
  /** Aborted when the client goes away before its response is complete: work done only for it (a replay) stops. */
  signal: AbortSignal;
}

const storage = new AsyncLocalStorage<RequestContext>();
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export const currentRequestContext = (): RequestContext | undefined => storage.getStore();

/** Takes X-Correlation-Id (or makes one), echoes it back and keeps it for the request's events and logs. */
export function correlationMiddleware(req: Request, res: Response, next: NextFunction): void {
  const given = req.header('x-correlation-id');
  const correlationId = given && SAFE_ID.test(given) ? given : randomUUID();
  const left = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) left.abort();
  });
  const ctx = { correlationId, requestId: randomUUID(), signal: left.signal };
  res.setHeader('X-Correlation-Id', correlationId);
  (req as Request & { context?: RequestContext }).context = ctx;
  storage.run(ctx, () => next());
}
