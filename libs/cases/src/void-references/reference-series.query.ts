import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CLOCK, Clock } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { APP_CONFIG, AppConfig } from '@app/platform';
import { referenceSeries } from './reference-series';

/** The year's reference series for the registrar: every number a case or a recorded void, nothing unexplained. */
export class GetReferenceSeries {
  constructor(readonly year: number) {}
}

@QueryHandler(GetReferenceSeries)
export class GetReferenceSeriesHandler implements IQueryHandler<GetReferenceSeries> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  execute({ year }: GetReferenceSeries) {
    return referenceSeries(this.store, year, this.clock.now(), this.config.referenceVoidAfterSeconds * 1000);
  }
}
