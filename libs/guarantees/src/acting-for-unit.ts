import { actorOf, assertUnitAccess, Principal } from '@app/auth';
import { Decider, DomainEvent } from '@app/core';
import { ResourceResult } from '@app/platform';
import { CommandRunner, RunOptions } from '@app/platform/write';

type OfUnit = { exists: boolean; unitId?: string };

/** How a user acts on an existing guarantee or breach: only for its unit (a missing one is the decider's 404). */
export function actingForUnit<S extends OfUnit>(user: Principal, expectedRevision?: bigint): RunOptions<S> {
  return { actor: actorOf(user), expectedRevision, authorize: (s) => s.exists && assertUnitAccess(user, s.unitId!) };
}

/** A step on a guarantee or a breach (GuaranteeStep, BreachStep): decided now, for the unit's user, answered as `view`. */
export function runStep<S extends OfUnit, C, E extends DomainEvent, V>(
  runner: CommandRunner,
  decider: Decider<S, C, E>,
  streamId: string,
  step: { user: Principal; expectedRevision?: bigint; decision(now: Date): C },
  view: (state: S, now: Date) => V,
): Promise<ResourceResult<V>> {
  const now = runner.now();
  return runner.respond(decider, streamId, step.decision(now), actingForUnit<S>(step.user, step.expectedRevision), (s) => view(s, now));
}
