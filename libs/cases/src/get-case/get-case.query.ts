import { ForbiddenException, Inject } from '@nestjs/common';
import { CommandBus, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Principal } from '@app/auth';
import { CLOCK, Clock } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ResourceReader, ResourceResult } from '@app/platform';
import { canReadContent, canSeeCase, CaseView, toCaseView, toCommandView } from '../case.view';
import { loadCase } from '../load-case';
import { RecordDisclosure } from '../record-disclosure/record-disclosure.command';

/**
 * One case straight from its stream (reads the caller's own writes), with its revision as ETag. Confidential text only
 * for those allowed, and then its disclosure is logged.
 */
export class GetCase {
  constructor(
    readonly caseId: string,
    readonly user: Principal,
  ) {}
}

@QueryHandler(GetCase)
export class GetCaseHandler implements IQueryHandler<GetCase, ResourceResult<CaseView>> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly commands: CommandBus,
  ) {}

  async execute({ caseId, user }: GetCase): Promise<ResourceResult<CaseView>> {
    const state = await visibleCase(this.store, caseId, user);
    const withContent = canReadContent(user, state);
    if (state.confidential && withContent) await this.commands.execute(new RecordDisclosure(user, { caseId, reference: state.reference! }));
    return new ResourceResult(toCaseView(state, this.clock.now(), withContent), state.revision);
  }
}

/** The case, if the user may see it at all (403 otherwise, 404 when there is none). */
async function visibleCase(store: EventStore, caseId: string, user: Principal) {
  const state = await loadCase(store, caseId);
  if (!canSeeCase(user, state.unitId!)) throw new ForbiddenException(`you may not read cases of unit ${state.unitId}`);
  return state;
}

/** A case as a command's answer shows it now, for idempotent replays: erased fields read as erased. */
export const caseReader =
  (store: EventStore, clock: Clock): ResourceReader =>
  async (id: string, user: Principal) => {
    const state = await visibleCase(store, id, user);
    return new ResourceResult(toCommandView(state, user, clock.now()), state.revision);
  };
