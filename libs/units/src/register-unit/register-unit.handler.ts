import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ResourceResult } from '@app/platform';
import { CommandRunner } from '@app/platform/write';
import { unitDecider } from '../unit.decider';
import { unitStream } from '../unit.events';
import { toUnitView, UnitView } from '../unit.view';
import { RegisterUnit } from './register-unit.command';

@CommandHandler(RegisterUnit)
export class RegisterUnitHandler implements ICommandHandler<RegisterUnit, ResourceResult<UnitView>> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ unit, actor }: RegisterUnit): Promise<ResourceResult<UnitView>> {
    const { id: unitId, name, department, district } = unit;
    const command = { type: 'RegisterUnit' as const, unitId, name, department, district, now: this.runner.now() };
    return this.runner.respond(unitDecider, unitStream(unit.id), command, { actor }, toUnitView);
  }
}
