import type { INestApplication } from '@nestjs/common';
import express, { NextFunction, Request, Response } from 'express';
import { problem, PROBLEM_CONTENT_TYPE } from './problem';

interface ParserError extends Error {
  type?: string;
  status?: number;
  statusCode?: number;
  limit?: number;
}

/** JSON and form bodies with a size limit; parse failures become problem responses, not HTML. */
export function installBodyParsers(app: INestApplication, limit: string): void {
  app.use(express.json({ limit, type: ['application/json', 'application/*+json'] }));
  app.use(express.urlencoded({ limit, extended: true, parameterLimit: 1000 }));
  app.use((err: ParserError, _req: Request, res: Response, next: NextFunction) => {
    if (!err || typeof err !== 'object' || !('type' in err)) return next(err);
    const status = err.status ?? err.statusCode ?? 400;
    const detail =
      err.type === 'entity.parse.failed'
        ? 'The request body is not valid JSON.'
        : err.type === 'entity.too.large'
          ? `The request body is larger than the limit of ${limit}.`
          : err.type === 'encoding.unsupported' || err.type === 'charset.unsupported'
            ? 'The request body uses an unsupported encoding; send UTF-8.'
            : 'The request body could not be read.';
    res.status(status >= 400 && status < 500 ? status : 400).type(PROBLEM_CONTENT_TYPE);
    res.send(JSON.stringify(problem(status >= 400 && status < 500 ? status : 400, detail, { code: err.type ?? 'bad_body' })));
  });
}
