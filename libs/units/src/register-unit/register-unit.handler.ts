import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Command } from '@nestjs/cqrs';
import { CommandRunner, ResourceResult } from '@app/platform';
import { unitDecider } from '../unit.decider';
import { unitStream } from '../unit.events';
import { toUnitView, UnitView } from '../unit.view';
import { RegisterUnitRequest } from './register-unit.request.dto';

export class RegisterUnit extends Command<ResourceResult<UnitView>> {
  constructor(
    readonly request: RegisterUnitRequest,
    readonly actor: { sub: string; name?: string },
  ) {
    super();
  }
}

@CommandHandler(RegisterUnit)
export class RegisterUnitHandler implements ICommandHandler<RegisterUnit> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ request, actor }: RegisterUnit): Promise<ResourceResult<UnitView>> {
    return this.runner.respond(
      unitDecider,
      unitStream(request.id),
      {
        type: 'RegisterUnit',
        unitId: request.id,
        name: request.name,
        department: request.department,
        district: request.district,
        now: this.runner.now(),
      },
      { actor },
      toUnitView,
    );
  }
}
