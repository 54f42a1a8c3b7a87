import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { Readiness, ReadinessCheck, ReadinessContributor } from './readiness';

/** Without the log nothing can be written or caught up: an unreachable store is `down`. */
@Injectable()
export class EventStoreReadiness implements ReadinessContributor, OnModuleInit {
  readonly name = 'eventStore';

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly registry: Readiness,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async readiness(): Promise<Omit<ReadinessCheck, 'name'>> {
    const detail = { kind: this.store.kind };
    return (await this.store.ping()) ? { status: 'ok', detail } : { status: 'down', reason: 'the event store does not answer', detail };
  }
}
