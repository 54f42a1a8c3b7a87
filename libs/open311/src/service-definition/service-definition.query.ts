import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CLOCK, Clock, stockholmYear } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { commitmentsInForceAt, guaranteeIdFor } from '@app/guarantees';
import { loadUnit } from '@app/units';
import { Open311Error } from '../open311-error';
import { parseServiceCode } from '../service-code';
import { serviceDefinition } from './service-definition';

/** GET services/{code}.json: the form fields of one service; a complaint's lists the commitments in force now. */
export class GetServiceDefinition {
  constructor(readonly serviceCode: string) {}
}

@QueryHandler(GetServiceDefinition)
export class GetServiceDefinitionHandler implements IQueryHandler<GetServiceDefinition, ReturnType<typeof serviceDefinition>> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ serviceCode: code }: GetServiceDefinition) {
    const service = parseServiceCode(code);
    const unit = service && (await loadUnit(this.store, service.unitId));
    if (!service || !unit?.exists || unit.status !== 'open') throw Open311Error.notFound(`service_code ${code}`);
    const now = this.clock.now();
    // The commitments of the unit's guarantee in force now: the ones a complaint filed now may name.
    const commitments =
      service.type === 'complaint' ? await commitmentsInForceAt(this.store, guaranteeIdFor(service.unitId, stockholmYear(now)), now) : [];
    return serviceDefinition(service.unitId, service.type, commitments);
  }
}
