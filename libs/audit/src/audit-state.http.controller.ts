import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@app/auth';
import { caseDecider, CaseEvent, caseStream, toCaseView } from '@app/cases';
import { CLOCK, Clock, fold, NotFoundError, RecordedEvent } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import {
  breachDecider,
  BreachEvent,
  breachStream,
  guaranteeDecider,
  GuaranteeEvent,
  guaranteeStream,
  toBreachView,
  toGuaranteeView,
} from '@app/guarantees';
import { AsOfQuery } from './audit.request.dto';
import { CaseDisclosures } from './case-disclosures';

/** A resource as it stood at a record-time instant, folded with the same evolve the write side uses. */
@ApiTags('audit')
@ApiBearerAuth()
@Roles('auditor', 'admin')
@Controller('api/audit')
export class AuditStateController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly disclosures: CaseDisclosures,
  ) {}

  private async history(streamId: string, what: string, id: string, asOf?: string) {
    const at = asOf ? new Date(asOf) : this.clock.now();
    const all = await this.store.readStream(streamId);
    const events = all.filter((e) => e.metadata.recordedAt <= at.toISOString());
    if (!events.length) throw new NotFoundError(what, `${id}${asOf ? ` as of ${asOf}` : ''}`);
    return { at, events, revision: Number(events[events.length - 1].revision) };
  }

  @Get('cases/:id')
  async case(@Param('id') id: string, @Query() q: AsOfQuery, @CurrentUser() user: Principal) {
    const { at, events, revision } = await this.history(caseStream(id), 'case', id, q.asOf);
    const state = fold(caseDecider, events as RecordedEvent[] as unknown as CaseEvent[]);
    await this.disclosures.forState(user, state);
    return { asOf: at.toISOString(), revision, case: toCaseView(state, at, true) };
  }

  @Get('guarantees/:id')
  async guarantee(@Param('id') id: string, @Query() q: AsOfQuery) {
    const { at, events, revision } = await this.history(guaranteeStream(id), 'guarantee', id, q.asOf);
    return {
      asOf: at.toISOString(),
      revision,
      guarantee: toGuaranteeView(fold(guaranteeDecider, events as unknown as GuaranteeEvent[]), at),
    };
  }

  @Get('breaches/:id')
  async breach(@Param('id') id: string, @Query() q: AsOfQuery) {
    const { at, events, revision } = await this.history(breachStream(id), 'breach', id, q.asOf);
    return { asOf: at.toISOString(), revision, breach: toBreachView(fold(breachDecider, events as unknown as BreachEvent[]), at) };
  }
}
