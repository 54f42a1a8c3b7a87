import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { ResourceResult } from '@app/platform';
import { CommandRunner } from '@app/platform/write';
import { actingForUnit } from '../acting-for-unit';
import { breachDecider } from '../breach.decider';
import { breachStream } from '../breach.events';
import { PlanRemedy } from './plan-remedy.command';
import { REMEDY_KIND, RemedyView, toRemedyView } from './remedy.view';

/** Answers the new remedy (its own resource kind, so that a replay reads the remedy), not the whole breach. */
@CommandHandler(PlanRemedy)
export class PlanRemedyHandler implements ICommandHandler<PlanRemedy, ResourceResult<RemedyView>> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ breachId, remedy, user, expectedRevision }: PlanRemedy): Promise<ResourceResult<RemedyView>> {
    const remedyId = randomUUID();
    const now = this.runner.now();
    const result = await this.runner.run(
      breachDecider,
      breachStream(breachId),
      { type: 'PlanRemedy', breachId, remedyId, ...remedy, now },
      actingForUnit(user, expectedRevision),
    );
    return new ResourceResult(toRemedyView(result.state, remedyId), result.revision, result.position, {
      kind: REMEDY_KIND,
      id: `${breachId}/${remedyId}`,
    });
  }
}
