import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ResourceResult } from '@app/platform';
import { CommandRunner } from '@app/platform/write';
import { unitDecider } from '../unit.decider';
import { unitStream } from '../unit.events';
import { toUnitView, UnitView } from '../unit.view';
import { UnitStep } from './unit-step.command';

@CommandHandler(UnitStep)
export class UnitStepHandler implements ICommandHandler<UnitStep, ResourceResult<UnitView>> {
  constructor(private readonly runner: CommandRunner) {}

  execute(step: UnitStep): Promise<ResourceResult<UnitView>> {
    const options = { actor: step.actor, expectedRevision: step.expectedRevision };
    return this.runner.respond(unitDecider, unitStream(step.unitId), step.decision(this.runner.now()), options, toUnitView);
  }
}
