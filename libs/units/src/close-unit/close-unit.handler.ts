import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner, ResourceResult, RunOptions } from '@app/platform';
import { unitDecider } from '../unit.decider';
import { unitStream } from '../unit.events';
import { toUnitView, UnitView } from '../unit.view';

export class CloseUnit extends Command<ResourceResult<UnitView>> {
  constructor(
    readonly unitId: string,
    readonly reason: string | undefined,
    readonly options: RunOptions,
  ) {
    super();
  }
}

@CommandHandler(CloseUnit)
export class CloseUnitHandler implements ICommandHandler<CloseUnit> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ unitId, reason, options }: CloseUnit): Promise<ResourceResult<UnitView>> {
    return this.runner.respond(
      unitDecider,
      unitStream(unitId),
      { type: 'CloseUnit', unitId, reason, now: this.runner.now() },
      options,
      toUnitView,
    );
  }
}
