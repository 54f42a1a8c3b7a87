import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Principal } from '@app/auth';
import { NotFoundError } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { CaseDisclosures } from '../disclosures/case-disclosures';
import { AuditEventView, auditEventView, positionAfter } from './audit-event.view';

/** A page of the log in position order, from `fromPosition` (inclusive), optionally of one event type or stream prefix. */
export class ListAuditEvents {
  constructor(
    readonly filter: { fromPosition?: string; limit?: number; type?: string; streamPrefix?: string },
    readonly user: Principal,
  ) {}
}

/** Every event of one stream. */
export class GetAuditStream {
  constructor(
    readonly streamId: string,
    readonly user: Principal,
  ) {}
}

/** The record itself, read-only: what each event handed out decrypted discloses is logged first. */
@QueryHandler(ListAuditEvents)
export class ListAuditEventsHandler implements IQueryHandler<ListAuditEvents> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly disclosures: CaseDisclosures,
  ) {}

  async execute({ filter: q, user }: ListAuditEvents): Promise<{ events: AuditEventView[]; nextPosition: number }> {
    const events = await this.store.readAll({
      after: positionAfter(q.fromPosition),
      limit: q.limit ?? 100,
      types: q.type ? [q.type] : undefined,
      streamPrefix: q.streamPrefix,
    });
    await this.disclosures.forEvents(user, events);
    const last = events[events.length - 1];
    return {
      events: events.map(auditEventView),
      nextPosition: last ? Number(last.position) + 1 : q.fromPosition ? Number(q.fromPosition) : 1,
    };
  }
}

@QueryHandler(GetAuditStream)
export class GetAuditStreamHandler implements IQueryHandler<GetAuditStream> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly disclosures: CaseDisclosures,
  ) {}

  async execute({ streamId, user }: GetAuditStream): Promise<{ streamId: string; revision: number; events: AuditEventView[] }> {
    const events = await this.store.readStream(streamId);
    if (!events.length) throw new NotFoundError('stream', streamId);
    await this.disclosures.forEvents(user, events);
    return { streamId, revision: Number(events[events.length - 1].revision), events: events.map(auditEventView) };
  }
}
