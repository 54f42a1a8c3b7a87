import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock, handleCommand } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { caseDecider } from '../case.decider';
import { caseStream } from '../case.events';

interface Shredder {
  shred(subject: string): unknown;
}
const canShred = (store: unknown): store is Shredder => typeof (store as Shredder).shred === 'function';

/**
 * Erases a case's personal data: records who erased it and why, then destroys the case's key so every read and
 * replay shows the fields as erased (idempotent replays read the case again). The log stays whole.
 */
@Injectable()
export class PersonalDataEraser {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async erase(caseId: string, reason: string, basis: 'request' | 'gallring', actor: { sub: string; name?: string }, metadata: object = {}) {
    if (!canShred(this.store)) throw new Error('the event store has no personal-data vault');
    const result = await handleCommand(
      this.store,
      caseDecider,
      caseStream(caseId),
      { type: 'ErasePersonalData', reason, basis, now: this.clock.now() },
      { metadata: { actor, ...metadata } },
    );
    this.store.shred(caseId);
    return result;
  }
}
