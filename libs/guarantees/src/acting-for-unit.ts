import { actorOf, assertUnitAccess, Principal } from '@app/auth';
import { RunOptions } from '@app/platform/write';

/** How a user acts on an existing guarantee or breach: only for its unit (a missing one is the decider's 404). */
export function actingForUnit<S extends { exists: boolean; unitId?: string }>(user: Principal, expectedRevision?: bigint): RunOptions<S> {
  return { actor: actorOf(user), expectedRevision, authorize: (s) => s.exists && assertUnitAccess(user, s.unitId!) };
}
