import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface LagSource {
  lags(): Promise<{ name: string; lag: number }[]>;
}

/** Prometheus metrics: HTTP latency, append latency, projection lag. One registry per app instance. */
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly appendDuration = new Histogram({
    name: 'eventstore_append_duration_seconds',
    help: 'Event store append latency (including group commit wait)',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  /** Requests being served; summed over the HTTP workers, it shows a drain at SIGTERM. */
  readonly inFlight = new Gauge({ name: 'http_requests_in_flight', help: 'HTTP requests being served', registers: [this.registry] });
  private lagSource?: LagSource;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const lags = () => this.lagSource?.lags() ?? Promise.resolve([]);
    new Gauge({
      name: 'projection_lag_seconds',
      help: 'How far each projection is behind the head of the log, in seconds of record time',
      labelNames: ['projection'],
      registers: [this.registry],
      aggregator: 'max', // every process reads the same checkpoints: combined, the lag is one of them, not their sum
      async collect() {
        this.reset();
        // A lag that cannot be dated is left out: one bad value would fail the whole scrape (and the cluster's aggregation).
        for (const { name, lag } of await lags()) if (Number.isFinite(lag)) this.set({ projection: name }, lag);
      },
    });
  }

  setLagSource(source: LagSource): void {
    this.lagSource = source;
  }

  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      const end = this.httpDuration.startTimer();
      this.inFlight.inc();
      res.on('finish', () => end({ method: req.method, route: routeLabel(req), status: String(res.statusCode) }));
      res.on('close', () => this.inFlight.dec());
      next();
    };
  }
}

/**
 * The route's pattern (`/api/cases/:id`), never the raw path: a label per path would let anyone create series. A request
 * no route matched (the router's 404, or one refused before routing, e.g. a body too large) is `unmatched`.
 */
function routeLabel(req: Request): string {
  const pattern = req.route?.path as string | undefined;
  return pattern === undefined ? 'unmatched' : `${req.baseUrl ?? ''}${pattern}`;
}
