import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@app/event-store';

/** Who read which confidential case, and when. */
export class ListDisclosures {}

@QueryHandler(ListDisclosures)
export class ListDisclosuresHandler implements IQueryHandler<ListDisclosures> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute() {
    const events = await this.store.readAll({ types: ['ConfidentialCaseRead.v1'] });
    return { disclosures: events.map((e) => ({ ...(e.data as object), position: Number(e.position) })) };
  }
}
