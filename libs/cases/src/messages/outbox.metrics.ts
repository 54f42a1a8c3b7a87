import { Counter, Gauge, Registry } from 'prom-client';
import type { ReadModelStore } from '@app/projections';

/**
 * Delivery outcomes and the outbox by status, read from the outbox read model at each scrape: every process reads the
 * same file, so combined over the processes the value is one of them (`max`), not their sum.
 */
export function registerOutboxMetrics(registry: Registry, readModels: Pick<ReadModelStore, 'all'>): void {
  const rows = <T>(sql: string): T[] => {
    try {
      return readModels.all<T>(sql);
    } catch {
      return []; // not built yet: nothing to count, and a scrape must not fail for it
    }
  };
  new Counter({
    name: 'synpunkt_message_deliveries_total',
    help: 'Delivery outcomes of messages to submitters: sent, retried (an attempt failed, tried again later), failed (finally), printed',
    labelNames: ['outcome'],
    registers: [registry],
    aggregator: 'max',
    collect() {
      this.reset();
      for (const r of rows<{ outcome: string; count: number }>('SELECT outcome, count FROM outbox_outcomes'))
        this.inc({ outcome: r.outcome }, r.count);
    },
  });
  new Gauge({
    name: 'synpunkt_outbox_messages',
    help: 'Messages to submitters by delivery status (queued, sending, sent, failed, to_print, printed, cancelled)',
    labelNames: ['status'],
    registers: [registry],
    aggregator: 'max',
    collect() {
      this.reset();
      for (const r of rows<{ status: string; n: number }>('SELECT status, COUNT(*) AS n FROM outbox GROUP BY status'))
        this.set({ status: r.status }, r.n);
    },
  });
}
