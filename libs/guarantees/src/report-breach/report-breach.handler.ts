import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { actorOf, assertUnitAccess, Principal } from '@app/auth';
import { InvalidInputError, NotFoundError } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ResourceReaders, ResourceResult } from '@app/platform';
import { CommandRunner } from '@app/platform/write';
import { breachDecider } from '../breach.decider';
import { breachStream } from '../breach.events';
import { BreachView, toBreachView } from '../breach.view';
import { loadGuarantee } from '../load-guarantee';
import { ReportBreach } from './report-breach.command';

@CommandHandler(ReportBreach)
export class ReportBreachHandler implements ICommandHandler<ReportBreach, ResourceResult<BreachView>> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly readers: ResourceReaders,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ breach, user, options }: ReportBreach): Promise<ResourceResult<BreachView>> {
    const { guaranteeId, caseId, breachId = randomUUID() } = breach;
    const guarantee = await loadGuarantee(this.store, guaranteeId, options.guaranteeAsKnown);
    assertUnitAccess(user, guarantee.unitId!);
    const caseUnitId = caseId ? (breach.caseUnitId ?? (await this.caseUnit(caseId))) : undefined;
    const now = this.runner.now();
    const { commitmentId, occurredAt, description } = breach;
    return this.runner.respond(
      breachDecider,
      breachStream(breachId),
      { type: 'ReportBreach', breachId, guarantee, commitmentId, occurredAt, description, caseId, caseUnitId, now },
      { actor: actorOf(user), metadata: options.metadata },
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
