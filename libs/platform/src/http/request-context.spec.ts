import { EventEmitter } from 'node:events';
import type { NextFunction, Request, Response } from 'express';
import { correlationMiddleware, currentRequestContext, RequestContext } from './request-context';

/** Runs the middleware over a fake request; answers the context it set and the response to close. */
function contextOf(): { ctx: RequestContext; res: EventEmitter & { writableFinished: boolean } } {
  const res = Object.assign(new EventEmitter(), { writableFinished: false, setHeader: () => undefined });
  let ctx: RequestContext | undefined;
  const next: NextFunction = () => (ctx = currentRequestContext());
  correlationMiddleware({ header: () => undefined } as unknown as Request, res as unknown as Response, next);
  return { ctx: ctx!, res };
}

describe('a request’s signal', () => {
  it('is aborted when the client goes away before the response is complete', () => {
    const { ctx, res } = contextOf();
    expect(ctx.signal.aborted).toBe(false);
    res.emit('close');
    expect(ctx.signal.aborted).toBe(true);
  });

  it('is not aborted when the response was complete', () => {
    const { ctx, res } = contextOf();
    res.writableFinished = true;
    res.emit('close');
    expect(ctx.signal.aborted).toBe(false);
  });
});
