import { Body, Inject, Post, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentUser, Principal } from '@app/auth';
import { RegisterCase } from '@app/cases';
import { CLOCK, Clock, stockholmYear } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ResourceResult } from '@app/platform';
import { loadUnit } from '@app/units';
import { Open311Error } from '../open311-error';
import { Open311Controller } from '../open311-route';
import { Open311KeyGuard } from './open311-key.guard';
import { parseOpen311Request } from './open311-request.parser';
import { filingAnswer, OPEN311_REQUEST_KIND, toRegisterCaseRequest } from './register-from-open311';

@Open311Controller()
export class PostRequestController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** application/x-www-form-urlencoded; the api_key travels in the body (never the URL, which is logged): see Open311KeyGuard. */
  @Post('requests.json')
  @UseGuards(Open311KeyGuard)
  async create(@Body() body: Record<string, unknown> = {}, @CurrentUser() client: Principal) {
    const parsed = parseOpen311Request(body, stockholmYear(this.clock.now()));
    const unit = await loadUnit(this.store, parsed.unitId);
    if (!unit.exists || unit.status !== 'open') throw Open311Error.notFound(`service_code ${parsed.unitId}.${parsed.caseType}`);
    const request = await toRegisterCaseRequest(parsed);
    const result = await this.commands.execute(new RegisterCase(request, client));
    const view = result.body;
    return new ResourceResult(filingAnswer(view, unit.name!, !!parsed.request.location), undefined, result.position, {
      kind: OPEN311_REQUEST_KIND,
      id: view.id,
    });
  }
}
