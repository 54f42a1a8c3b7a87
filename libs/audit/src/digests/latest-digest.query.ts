import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { RecordedDigest } from './digest-signing';
import { latestDigest } from './log-digest';

/** The last digest recorded, with when the store recorded it; 404 before the first. */
export class GetLatestDigest {}

@QueryHandler(GetLatestDigest)
export class GetLatestDigestHandler implements IQueryHandler<GetLatestDigest, RecordedDigest & { recordedAt: string }> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute() {
    const last = await latestDigest(this.store);
    if (!last) throw new NotFoundError('digest', 'latest');
    return { ...(last.data as RecordedDigest), recordedAt: last.metadata.recordedAt };
  }
}
