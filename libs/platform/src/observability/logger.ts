import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import pinoHttp from 'pino-http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { currentRequestContext } from '../http/request-context';

/**
 * JSON logs. Request lines carry method, route path, status, time and correlation id — never bodies,
 * query strings or headers, which may hold personal data.
 */
export function createRootLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'synpunkt' },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: () => {
      const ctx = currentRequestContext();
      return ctx ? { correlationId: ctx.correlationId } : {};
    },
  });
}

export function httpLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => String(res.getHeader('x-correlation-id') ?? ''),
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, path: req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    wrapSerializers: false,
    quietReqLogger: true,
  });
}

/** Nest's route mapping: a line per controller and per route (hundreds) at every start, which would bury the rest. */
const ROUTE_MAPPING = new Set(['RoutesResolver', 'RouterExplorer']);

/** Nest's own logging through the same JSON logger. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) {
    if (context && ROUTE_MAPPING.has(context)) this.logger.debug({ context }, String(message));
    else this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}
