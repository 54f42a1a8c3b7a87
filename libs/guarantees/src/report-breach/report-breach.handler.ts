import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { actorOf, assertUnitAccess, Principal } from '@app/auth';
import { fold, NotFoundError } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { CommandRunner, ResourceResult } from '@app/platform';
import { breachDecider } from '../breach.decider';
import { breachStream } from '../breach.events';
import { BreachView, toBreachView } from '../breach.view';
import { guaranteeDecider } from '../guarantee.decider';
import { GuaranteeEvent, guaranteeStream } from '../guarantee.events';
import { ReportBreachRequest } from './report-breach.request.dto';

export class ReportBreach extends Command<ResourceResult<BreachView>> {
  constructor(
    readonly request: ReportBreachRequest,
    readonly user: Principal,
    /** A process manager passes a deterministic id so that replays report the same breach only once. */
    readonly breachId: string = randomUUID(),
  ) {
    super();
  }
}

@CommandHandler(ReportBreach)
export class ReportBreachHandler implements ICommandHandler<ReportBreach> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ request, user, breachId }: ReportBreach): Promise<ResourceResult<BreachView>> {
    const guarantee = fold(
      guaranteeDecider,
      (await this.store.readStream(guaranteeStream(request.guaranteeId))) as unknown as GuaranteeEvent[],
    );
    if (!guarantee.exists) throw new NotFoundError('guarantee', request.guaranteeId);
    assertUnitAccess(user, guarantee.unitId!);
    const now = this.runner.now();
    return this.runner.respond(
      breachDecider,
      breachStream(breachId),
      {
        type: 'ReportBreach',
        breachId,
        guarantee,
        commitmentId: request.commitmentId,
        occurredAt: new Date(request.occurredAt),
        description: request.description,
        caseId: request.caseId,
        now,
      },
      { actor: actorOf(user) },
      (s) => toBreachView(s, now),
    );
  }
}
