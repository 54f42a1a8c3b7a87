import { Inject, Injectable, OnModuleInit, Optional } from '@nestjs/common';
import { KeyStore } from '@app/event-store';
import { IdempotencyStore } from '../http/idempotency.store';
import { CONFIGURED_KEY_STORE } from '../tokens';
import { Readiness, ReadinessCheck } from './readiness';

type Probe = () => Promise<Omit<ReadinessCheck, 'name'>>;

/** A store every write needs: unreachable, the instance is `down` (the load balancer sends intake elsewhere). */
function probe(store: { ping(): Promise<boolean> }, what: string): Probe {
  return async () => ((await store.ping()) ? { status: 'ok' } : { status: 'down', reason: `the ${what} does not answer` });
}

/**
 * The stores beside the log: the idempotency records (every write with an Idempotency-Key) and, where it is PostgreSQL
 * (several hosts), the key store (every sealed field). The embedded key store is a file next to the log: the event
 * store's own check covers it.
 */
@Injectable()
export class StoresReadiness implements OnModuleInit {
  constructor(
    private readonly registry: Readiness,
    private readonly idempotency: IdempotencyStore,
    @Optional() @Inject(CONFIGURED_KEY_STORE) private readonly keyStore: KeyStore | null,
  ) {}

  onModuleInit(): void {
    this.registry.register({ name: 'idempotencyStore', readiness: probe(this.idempotency, 'idempotency store') });
    if (this.keyStore) this.registry.register({ name: 'keyStore', readiness: probe(this.keyStore, 'key store') });
  }
}
