import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { assertUnitAccess, actorOf, Principal } from '@app/auth';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { CommandRunner, ResourceResult } from '@app/platform';
import { requireUnit } from '@app/units';
import { guaranteeDecider } from '../guarantee.decider';
import { guaranteeIdFor, guaranteeStream } from '../guarantee.events';
import { GuaranteeView, toGuaranteeView } from '../guarantee.view';
import { contentOf, DraftGuaranteeRequest } from './guarantee-content.request.dto';

export class DraftGuarantee extends Command<ResourceResult<GuaranteeView>> {
  constructor(
    readonly request: DraftGuaranteeRequest,
    readonly user: Principal,
  ) {
    super();
  }
}

@CommandHandler(DraftGuarantee)
export class DraftGuaranteeHandler implements ICommandHandler<DraftGuarantee> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ request, user }: DraftGuarantee): Promise<ResourceResult<GuaranteeView>> {
    assertUnitAccess(user, request.unitId);
    const unit = await requireUnit(this.store, request.unitId);
    const now = this.runner.now();
    return this.runner.respond(
      guaranteeDecider,
      guaranteeStream(guaranteeIdFor(request.unitId, request.year)),
      {
        type: 'DraftGuarantee',
        unitId: request.unitId,
        year: request.year,
        content: contentOf(request),
        unitOpen: unit.status === 'open',
        now,
      },
      { actor: actorOf(user) },
      (s) => toGuaranteeView(s, now),
    );
  }
}
