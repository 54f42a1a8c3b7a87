import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ResourceResult } from '@app/platform';
import { CommandRunner } from '@app/platform/write';
import { unitDecider } from '../unit.decider';
import { unitStream } from '../unit.events';
import { toUnitView, UnitView } from '../unit.view';
import { CloseUnit } from './close-unit.command';

@CommandHandler(CloseUnit)
export class CloseUnitHandler implements ICommandHandler<CloseUnit, ResourceResult<UnitView>> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ unitId, reason, actor, expectedRevision }: CloseUnit): Promise<ResourceResult<UnitView>> {
    const command = { type: 'CloseUnit' as const, unitId, reason, now: this.runner.now() };
    return this.runner.respond(unitDecider, unitStream(unitId), command, { actor, expectedRevision }, toUnitView);
  }
}
