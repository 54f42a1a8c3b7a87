import { Inject } from '@nestjs/common';
import { CommandBus, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Principal } from '@app/auth';
import { CLOCK, Clock } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ResourceReader, ResourceResult } from '@app/platform';
import { canReadContent, CaseView, mustSeeCase, toCaseView, toCommandView } from '../case.view';
import { loadCase } from '../load-case';
import { caseMessages } from '../messages/message.view';
import { RecordDisclosure } from '../record-disclosure/record-disclosure.command';

/**
 * One case straight from its stream (reads the caller's own writes), with its revision as ETag, and its messages with
 * their delivery (from the case's messages stream, which the ETag does not cover). Confidential text only for those
 * allowed, and then its disclosure is logged.
 */
export class GetCase {
  constructor(
    readonly caseId: string,
    readonly user: Principal,
  ) {}
}

@QueryHandler(GetCase)
export class GetCaseHandler implements IQueryHandler<GetCase, ResourceResult<CaseReadView>> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly commands: CommandBus,
  ) {}

  async execute({ caseId, user }: GetCase): Promise<ResourceResult<CaseReadView>> {
    const state = await visibleCase(this.store, caseId, user);
    const withContent = canReadContent(user, state);
    if (state.confidential && withContent) await this.commands.execute(new RecordDisclosure(user, { caseId, reference: state.reference! }));
    const messages = await caseMessages(this.store, state, withContent);
    return new ResourceResult({ ...toCaseView(state, this.clock.now(), withContent), messages }, state.revision);
  }
}

export type CaseReadView = CaseView & { messages: Awaited<ReturnType<typeof caseMessages>> };

/** The case, if the user may see it at all (403 otherwise, 404 when there is none). */
async function visibleCase(store: EventStore, caseId: string, user: Principal) {
  const state = await loadCase(store, caseId);
  mustSeeCase(user, state.unitId!);
  return state;
}

/** A case as a command's answer shows it now, for idempotent replays: erased fields read as erased. */
export const caseReader =
  (store: EventStore, clock: Clock): ResourceReader =>
  async (id: string, user: Principal) => {
    const state = await visibleCase(store, id, user);
    return new ResourceResult(toCommandView(state, user, clock.now()), state.revision);
  };
