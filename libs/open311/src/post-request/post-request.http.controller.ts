import { Body, Inject, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Principal } from '@app/auth';
import { RegisterCase } from '@app/cases';
import { CLOCK, Clock, stockholmYear } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ResourceResult } from '@app/platform';
import { loadUnit } from '@app/units';
import { Open311Client, verifyApiKey } from '../api-keys/api-keys';
import { Open311Error } from '../open311-error';
import { Open311Controller } from '../open311-route';
import { parseOpen311Request } from './open311-request.parser';
import { filingAnswer, OPEN311_REQUEST_KIND, toRegisterCaseRequest } from './register-from-open311';

/** An Open311 client files as intake does; its events name it as the actor. */
const principalOf = (client: Open311Client): Principal => ({
  sub: `open311:${client.clientId}`,
  name: client.name,
  roles: ['intake'],
  units: [],
});

@Open311Controller()
export class PostRequestController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** application/x-www-form-urlencoded; the api_key travels in the body (never the URL, which is logged). */
  @Post('requests.json')
  async create(@Body() body: Record<string, unknown> = {}) {
    const client = await verifyApiKey(this.store, body?.api_key);
    if (!client) throw Open311Error.key();
    const parsed = parseOpen311Request(body, stockholmYear(this.clock.now()));
    const unit = await loadUnit(this.store, parsed.unitId);
    if (!unit.exists || unit.status !== 'open') throw Open311Error.notFound(`service_code ${parsed.unitId}.${parsed.caseType}`);
    const request = await toRegisterCaseRequest(parsed);
    const result = await this.commands.execute(new RegisterCase(request, principalOf(client)));
    const view = result.body;
    return new ResourceResult(filingAnswer(view, unit.name!, !!parsed.request.location), undefined, result.position, {
      kind: OPEN311_REQUEST_KIND,
      id: view.id,
    });
  }
}
