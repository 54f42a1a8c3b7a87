import { ForbiddenException, Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { assertMaySeeUnit, hasRole, Principal } from '@app/auth';
import { CLOCK, Clock } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ResourceResult } from '@app/platform';
import { BreachView, toBreachView } from '../breach.view';
import { loadBreach } from '../load-breach';
import { RemedyView, toRemedyView } from '../plan-remedy/remedy.view';

/** One breach straight from its stream, for those who may read it: auditors, and admins and managers of its unit. */
export class GetBreach {
  constructor(
    readonly breachId: string,
    readonly user: Principal,
  ) {}
}

/** One remedy of a breach, for those who may read the breach (what a replay of planning it answers). */
export class GetRemedy {
  constructor(
    readonly breachId: string,
    readonly remedyId: string,
    readonly user: Principal,
  ) {}
}

async function breachFor(store: EventStore, breachId: string, user: Principal) {
  if (!hasRole(user, 'admin', 'manager', 'auditor')) throw new ForbiddenException('you may not read breaches');
  const breach = await loadBreach(store, breachId);
  assertMaySeeUnit(user, breach.unitId!);
  return breach;
}

@QueryHandler(GetBreach)
export class GetBreachHandler implements IQueryHandler<GetBreach, ResourceResult<BreachView>> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ breachId, user }: GetBreach) {
    const breach = await breachFor(this.store, breachId, user);
    return new ResourceResult(toBreachView(breach, this.clock.now()), breach.revision);
  }
}

@QueryHandler(GetRemedy)
export class GetRemedyHandler implements IQueryHandler<GetRemedy, ResourceResult<RemedyView>> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ breachId, remedyId, user }: GetRemedy) {
    const breach = await breachFor(this.store, breachId, user);
    return new ResourceResult(toRemedyView(breach, remedyId), breach.revision);
  }
}
