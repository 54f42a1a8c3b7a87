import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Principal } from '@app/auth';
import { NotFoundError, RecordedEvent } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { CaseDisclosures } from '../disclosures/case-disclosures';
import { AuditEventView, auditEventView, StartAt, startAfter } from './audit-event.view';

/**
 * A page of the log in position order, from `fromPosition` (inclusive) or `after` a position (exclusive), optionally
 * of one event type or stream prefix.
 */
export class ListAuditEvents {
  constructor(
    readonly filter: StartAt & { limit?: number; type?: string; streamPrefix?: string },
    readonly user: Principal,
  ) {}
}

/** Where a read of the log starts, as the store's exclusive `after` (see startAfter). */
export class FindStart {
  constructor(readonly start: StartAt) {}
}

/**
 * A page, and where to go on: `after=lastPosition` (the last event's position; the start when the page is empty) on
 * any store, or `fromPosition=nextPosition` (the next event's position). At the end of the log only SQLite, whose
 * positions count events, can name the next one (the last's + 1); on KurrentDB `nextPosition` is null there.
 */
export interface AuditEventsPage {
  events: AuditEventView[];
  nextPosition: number | null;
  lastPosition: number | null;
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

  async execute({ filter: q, user }: ListAuditEvents): Promise<AuditEventsPage> {
    const after = await startAfter(this.store, q);
    const limit = q.limit ?? 100;
    // one more than the page: its position is where the next page starts
    const read = await this.store.readAll({ after, limit: limit + 1, types: q.type ? [q.type] : undefined, streamPrefix: q.streamPrefix });
    const events = read.slice(0, limit);
    await this.disclosures.forEvents(user, events);
    const last = events.length ? events[events.length - 1].position : after;
    return {
      events: events.map(auditEventView),
      nextPosition: this.nextPosition(read[limit], last, q),
      lastPosition: last === undefined ? null : Number(last),
    };
  }

  private nextPosition(next: RecordedEvent | undefined, last: bigint | undefined, q: StartAt): number | null {
    if (next) return Number(next.position);
    if (this.store.kind !== 'sqlite') return null;
    if (last === undefined || (q.fromPosition !== undefined && last < BigInt(q.fromPosition))) return Number(q.fromPosition ?? 1);
    return Number(last) + 1; // SQLite's positions count events: the next one appended gets this
  }
}

@QueryHandler(FindStart)
export class FindStartHandler implements IQueryHandler<FindStart, bigint | undefined> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ start }: FindStart): Promise<bigint | undefined> {
    return startAfter(this.store, start);
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
