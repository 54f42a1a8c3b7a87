import { ForbiddenException } from '@nestjs/common';
import { Principal } from '@app/auth';
import { Clock } from '@app/core';
import { EventStore } from '@app/event-store';
import { ResourceReader, ResourceResult } from '@app/platform';
import { canSeeCase, toCommandView } from './case.view';
import { loadCase } from './load-case';

/** A case as a command's answer shows it now, for idempotent replays: erased fields read as erased. */
export const caseReader =
  (store: EventStore, clock: Clock): ResourceReader =>
  async (id: string, user: Principal) => {
    const state = await loadCase(store, id);
    if (!canSeeCase(user, state.unitId!)) throw new ForbiddenException(`you may not read cases of unit ${state.unitId}`);
    return new ResourceResult(toCommandView(state, user, clock.now()), state.revision);
  };
