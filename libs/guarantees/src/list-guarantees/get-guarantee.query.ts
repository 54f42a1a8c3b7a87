import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ResourceResult } from '@app/platform';
import { GuaranteeView, toGuaranteeView } from '../guarantee.view';
import { loadGuarantee } from '../load-guarantee';

/** One guarantee straight from its stream (reads the caller's own writes), with its revision as ETag. Every role reads it. */
export class GetGuarantee {
  constructor(readonly guaranteeId: string) {}
}

@QueryHandler(GetGuarantee)
export class GetGuaranteeHandler implements IQueryHandler<GetGuarantee, ResourceResult<GuaranteeView>> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ guaranteeId }: GetGuarantee) {
    const guarantee = await loadGuarantee(this.store, guaranteeId);
    return new ResourceResult(toGuaranteeView(guarantee, this.clock.now()), guarantee.revision);
  }
}
