import { Get, Inject, Param } from '@nestjs/common';
import { CLOCK, Clock } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { loadUnit } from '@app/units';
import { Open311Error } from '../open311-error';
import { jsonResource, Open311Controller } from '../open311-route';
import { parseServiceCode } from '../service-code';
import { commitmentsInForce } from './commitments-in-force';
import { serviceDefinition } from './service-definition';

@Open311Controller()
export class ServiceDefinitionController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('services/:file')
  async definition(@Param('file') file: string) {
    const code = jsonResource(file, 'service_code');
    const service = parseServiceCode(code);
    const unit = service && (await loadUnit(this.store, service.unitId));
    if (!service || !unit?.exists || unit.status !== 'open') throw Open311Error.notFound(`service_code ${code}`);
    const commitments = service.type === 'complaint' ? await commitmentsInForce(this.store, service.unitId, this.clock.now()) : [];
    return serviceDefinition(service.unitId, service.type, commitments);
  }
}
