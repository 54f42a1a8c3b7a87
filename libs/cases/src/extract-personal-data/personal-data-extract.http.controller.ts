import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { CLOCK, Clock } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { breachPersonalData, breachStream } from '@app/guarantees';
import { recordConfidentialRead } from '../case-disclosure';
import { caseStream } from '../case.events';
import { casePersonalData } from '../case.personal-data';
import { loadCase } from '../load-case';
import { personalValues } from './personal-data-extract';

@ApiTags('data protection')
@ApiBearerAuth()
@Controller('api/cases')
export class PersonalDataExtractController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * GDPR art. 15: every personal value held for the case, decrypted, with the event and field each came from: the case's
   * own events and the breaches reported from it (a description is sealed with the case's key). Logged as a disclosure.
   */
  @Get(':id/personal-data')
  @Roles('admin')
  async extract(@Param('id') id: string, @CurrentUser() user: Principal) {
    const state = await loadCase(this.store, id);
    const caseEvents = await this.store.readStream(caseStream(id));
    const breachEvents = (await Promise.all((await this.breachesOf(id)).map((b) => this.store.readStream(breachStream(b))))).flat();
    const values = [...personalValues(caseEvents, casePersonalData, id), ...personalValues(breachEvents, breachPersonalData, id)];
    const now = this.clock.now();
    await recordConfidentialRead(this.store, user, { caseId: id, reference: state.reference! }, now, 'extract');
    return {
      caseId: id,
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
    return reports.filter((e) => (e.data as { caseId?: string }).caseId === caseId).map((e) => (e.data as { breachId: string }).breachId);
  }
}
