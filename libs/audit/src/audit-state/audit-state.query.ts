import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Principal } from '@app/auth';
import { loadCase, toCaseView } from '@app/cases';
import { CLOCK, Clock, NotFoundError } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { loadBreach, loadGuarantee, toBreachView, toGuaranteeView } from '@app/guarantees';
import { CaseDisclosures } from '../disclosures/case-disclosures';

export type AuditedKind = 'case' | 'guarantee' | 'breach';

/** A resource as it stood at a record-time instant (default now), folded by its own module with the write side's evolve. */
export class GetStateAsOf {
  constructor(
    readonly kind: AuditedKind,
    readonly id: string,
    readonly asOf: string | undefined,
    readonly user: Principal,
  ) {}
}

@QueryHandler(GetStateAsOf)
export class GetStateAsOfHandler implements IQueryHandler<GetStateAsOf> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly disclosures: CaseDisclosures,
  ) {}

  async execute({ kind, id, asOf, user }: GetStateAsOf) {
    const at = asOf ? new Date(asOf) : this.clock.now();
    const head = (s: { revision: bigint }) => ({ asOf: at.toISOString(), revision: Number(s.revision) });
    try {
      switch (kind) {
        case 'case': {
          const state = await loadCase(this.store, id, { asOf: at });
          await this.disclosures.forState(user, state);
          return { ...head(state), case: toCaseView(state, at, true) };
        }
        case 'guarantee': {
          const state = await loadGuarantee(this.store, id, { asOf: at });
          return { ...head(state), guarantee: toGuaranteeView(state, at) };
        }
        case 'breach': {
          const state = await loadBreach(this.store, id, { asOf: at });
          return { ...head(state), breach: toBreachView(state, at) };
        }
      }
    } catch (err) {
      // Nothing of it known by then: the 404 names the instant asked about.
      if (err instanceof NotFoundError) throw new NotFoundError(kind, `${id}${asOf ? ` as of ${asOf}` : ''}`);
      throw err;
    }
  }
}
