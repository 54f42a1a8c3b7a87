import { Inject } from '@nestjs/common';
import { CommandBus, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Principal } from '@app/auth';
import { CLOCK, Clock } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { breachPersonalData, type BreachReported, breachStream } from '@app/guarantees';
import { caseStream } from '../case.events';
import { casePersonalData } from '../case.personal-data';
import { loadCase } from '../load-case';
import { RecordDisclosure } from '../record-disclosure/record-disclosure.command';
import { personalValues } from './personal-values';

/**
 * GDPR art. 15: every personal value held for the case, decrypted, with the event and field each came from: the case's
 * own events and the breaches reported from it (a description is sealed with the case's key). Logged as a disclosure.
 */
export class ExtractPersonalData {
  constructor(
    readonly caseId: string,
    readonly user: Principal,
  ) {}
}

@QueryHandler(ExtractPersonalData)
export class ExtractPersonalDataHandler implements IQueryHandler<ExtractPersonalData> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly commands: CommandBus,
  ) {}

  async execute({ caseId, user }: ExtractPersonalData) {
    const state = await loadCase(this.store, caseId);
    const caseEvents = await this.store.readStream(caseStream(caseId));
    const breaches = await this.breachesOf(caseId);
    const breachEvents = (await Promise.all(breaches.map((b) => this.store.readStream(breachStream(b))))).flat();
    const values = [...personalValues(caseEvents, casePersonalData, caseId), ...personalValues(breachEvents, breachPersonalData, caseId)];
    const now = this.clock.now();
    await this.commands.execute(new RecordDisclosure(user, { caseId, reference: state.reference! }, 'extract'));
    return {
      caseId,
      reference: state.reference,
      extractedAt: now.toISOString(),
      erased: !!state.erasedAt,
      ...(state.erasedAt ? { erasedAt: state.erasedAt } : {}),
      values,
    };
  }

  /** Every breach that names the case, whether the case raised it or a manager reported it from the case (read sealed). */
  private async breachesOf(caseId: string): Promise<string[]> {
    const reports = await this.store.readAll({ types: ['BreachReported.v1'], sealed: true, lean: true });
    return reports.map((e) => e.data as BreachReported['data']).flatMap((d) => (d.caseId === caseId ? [d.breachId] : []));
  }
}
