import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ResourceResult } from '@app/platform';
import { CommandRunner } from '@app/platform/write';
import { unitDecider } from '../unit.decider';
import { unitStream } from '../unit.events';
import { toUnitView, UnitView } from '../unit.view';
import { RenameUnit } from './rename-unit.command';

@CommandHandler(RenameUnit)
export class RenameUnitHandler implements ICommandHandler<RenameUnit, ResourceResult<UnitView>> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ unitId, name, actor, expectedRevision }: RenameUnit): Promise<ResourceResult<UnitView>> {
    const command = { type: 'RenameUnit' as const, unitId, name, now: this.runner.now() };
    return this.runner.respond(unitDecider, unitStream(unitId), command, { actor, expectedRevision }, toUnitView);
  }
}
