import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CaseView, RegisterCase, registrationOf } from '@app/cases';
import { CLOCK, Clock, stockholmYear } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ResourceResult } from '@app/platform';
import { loadUnit } from '@app/units';
import { Open311Error } from '../open311-error';
import { parseOpen311Request } from './open311-request.parser';
import { FileServiceRequest } from './post-request.command';
import { filingAnswer, FilingAnswer, OPEN311_REQUEST_KIND, toRegisterCaseRequest } from './register-from-open311';

/** Translates the Open311 filing into the case registration, which runs on the bus like any other. */
@CommandHandler(FileServiceRequest)
export class FileServiceRequestHandler implements ICommandHandler<FileServiceRequest, ResourceResult<FilingAnswer>> {
  constructor(
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ body, client }: FileServiceRequest): Promise<ResourceResult<FilingAnswer>> {
    const parsed = parseOpen311Request(body, stockholmYear(this.clock.now()));
    const unit = await loadUnit(this.store, parsed.unitId);
    if (!unit.exists || unit.status !== 'open') throw Open311Error.notFound(`service_code ${parsed.unitId}.${parsed.caseType}`);
    const request = await toRegisterCaseRequest(parsed);
    const result: ResourceResult<CaseView> = await this.commands.execute(new RegisterCase(registrationOf(request), client));
    const view = result.body;
    return new ResourceResult(filingAnswer(view, unit.name!, !!parsed.request.location), undefined, result.position, {
      kind: OPEN311_REQUEST_KIND,
      id: view.id,
    });
  }
}
