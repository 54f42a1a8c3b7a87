import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { actorOf, assertUnitAccess, Principal } from '@app/auth';
import { fold, InvalidInputError, NotFoundError } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { CommandRunner, ResourceReaders, ResourceResult } from '@app/platform';
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
    private readonly readers: ResourceReaders,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ request, user, breachId }: ReportBreach): Promise<ResourceResult<BreachView>> {
    const guarantee = fold(
      guaranteeDecider,
      (await this.store.readStream(guaranteeStream(request.guaranteeId))) as unknown as GuaranteeEvent[],
    );
    if (!guarantee.exists) throw new NotFoundError('guarantee', request.guaranteeId);
    assertUnitAccess(user, guarantee.unitId!);
    const caseUnitId = request.caseId ? await this.caseUnit(request.caseId) : undefined;
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
        caseUnitId,
        now,
      },
      { actor: actorOf(user) },
      (s) => toBreachView(s, now),
    );
  }

  /** The named case's unit, read through the cases module's reader (this module may not depend on cases). */
  private async caseUnit(caseId: string): Promise<string> {
    try {
      const { body } = await this.readers.read('case', caseId, CASE_LOOKUP);
      return (body as { unitId: string }).unitId;
    } catch (err) {
      if (err instanceof NotFoundError) throw new InvalidInputError([{ field: 'caseId', message: `no case has the id ${caseId}` }]);
      throw err;
    }
  }
}

/** Who looks the case up: the check needs the case's unit whoever reports, not the reporter's own access to the case. */
const CASE_LOOKUP: Principal = { sub: 'system:breach-report', roles: ['admin'], units: ['*'] };
