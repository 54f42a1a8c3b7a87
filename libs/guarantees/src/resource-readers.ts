import { ForbiddenException } from '@nestjs/common';
import { assertUnitAccess, hasRole, Principal } from '@app/auth';
import { Clock, fold, NotFoundError } from '@app/core';
import { EventStore } from '@app/event-store';
import { ResourceReaders, ResourceResult } from '@app/platform';
import { breachDecider, BreachState } from './breach.decider';
import { BREACH_CATEGORY, BreachEvent, breachStream } from './breach.events';
import { toBreachView } from './breach.view';
import { guaranteeDecider } from './guarantee.decider';
import { GUARANTEE_CATEGORY, GuaranteeEvent, guaranteeStream } from './guarantee.events';
import { toGuaranteeView } from './guarantee.view';
import { REMEDY_KIND, toRemedyView } from './plan-remedy/remedy.view';

/** A guarantee as its GET shows it. */
export async function readGuarantee(store: EventStore, id: string, now: Date): Promise<ResourceResult> {
  const events = await store.readStream(guaranteeStream(id));
  if (!events.length) throw new NotFoundError('guarantee', id);
  const state = fold(guaranteeDecider, events as unknown as GuaranteeEvent[]);
  return new ResourceResult(toGuaranteeView(state, now), events[events.length - 1].revision);
}

/** A breach for those who may read it: auditors, and admins and managers of its unit. */
async function breachFor(store: EventStore, id: string, user: Principal): Promise<BreachState & { revision: bigint }> {
  if (!hasRole(user, 'admin', 'manager', 'auditor')) throw new ForbiddenException('you may not read breaches');
  const events = await store.readStream(breachStream(id));
  if (!events.length) throw new NotFoundError('breach', id);
  const state = fold(breachDecider, events as unknown as BreachEvent[]);
  if (!hasRole(user, 'auditor')) assertUnitAccess(user, state.unitId!);
  return { ...state, revision: events[events.length - 1].revision };
}

/** A breach as its GET shows it. */
export async function readBreach(store: EventStore, id: string, user: Principal, now: Date): Promise<ResourceResult> {
  const state = await breachFor(store, id, user);
  return new ResourceResult(toBreachView(state, now), state.revision);
}

/** Guarantees, breaches and remedies as their GETs show them now, for idempotent replays (ResourceReaders). */
export function registerResourceReaders(readers: ResourceReaders, store: EventStore, clock: Clock): void {
  readers.register(GUARANTEE_CATEGORY, (id) => readGuarantee(store, id, clock.now()));
  readers.register(BREACH_CATEGORY, (id, user) => readBreach(store, id, user, clock.now()));
  readers.register(REMEDY_KIND, async (id, user) => {
    const [breachId, remedyId] = id.split('/');
    const state = await breachFor(store, breachId, user);
    return new ResourceResult(toRemedyView(state, remedyId), state.revision);
  });
}
