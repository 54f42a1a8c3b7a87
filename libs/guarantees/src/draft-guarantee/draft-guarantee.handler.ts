import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { actorOf, assertUnitAccess } from '@app/auth';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ResourceResult } from '@app/platform';
import { CommandRunner } from '@app/platform/write';
import { requireUnit } from '@app/units';
import { guaranteeDecider } from '../guarantee.decider';
import { guaranteeIdFor, guaranteeStream } from '../guarantee.events';
import { GuaranteeView, toGuaranteeView } from '../guarantee.view';
import { DraftGuarantee } from './draft-guarantee.command';

@CommandHandler(DraftGuarantee)
export class DraftGuaranteeHandler implements ICommandHandler<DraftGuarantee, ResourceResult<GuaranteeView>> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ unitId, year, content, user }: DraftGuarantee): Promise<ResourceResult<GuaranteeView>> {
    assertUnitAccess(user, unitId);
    const unit = await requireUnit(this.store, unitId);
    const now = this.runner.now();
    return this.runner.respond(
      guaranteeDecider,
      guaranteeStream(guaranteeIdFor(unitId, year)),
      { type: 'DraftGuarantee', unitId, year, content, unitOpen: unit.status === 'open', now },
      { actor: actorOf(user) },
      (s) => toGuaranteeView(s, now),
    );
  }
}
