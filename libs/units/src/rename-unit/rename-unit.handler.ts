import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, ResourceResult, RunOptions } from '@app/platform';
import { unitDecider } from '../unit.decider';
import { unitStream } from '../unit.events';
import { toUnitView, UnitView } from '../unit.view';

export class RenameUnit extends Command<ResourceResult<UnitView>> {
  constructor(
    readonly unitId: string,
    readonly name: string,
    readonly options: RunOptions,
  ) {
    super();
  }
}

@CommandHandler(RenameUnit)
export class RenameUnitHandler implements ICommandHandler<RenameUnit> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ unitId, name, options }: RenameUnit): Promise<ResourceResult<UnitView>> {
    return this.runner.respond(
      unitDecider,
      unitStream(unitId),
      { type: 'RenameUnit', unitId, name, now: this.runner.now() },
      options,
      toUnitView,
    );
  }
}
