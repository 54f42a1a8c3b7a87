import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ResourceResult } from '@app/platform';
import { CommandRunner } from '@app/platform/write';
import { runStep } from './acting-for-unit';
import { breachDecider } from './breach.decider';
import { breachStream } from './breach.events';
import { BreachView, toBreachView } from './breach.view';
import { BreachStep } from './breach-step';

@CommandHandler(BreachStep)
export class BreachStepHandler implements ICommandHandler<BreachStep, ResourceResult<BreachView>> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: BreachStep): Promise<ResourceResult<BreachView>> {
    return runStep(this.runner, breachDecider, breachStream(command.breachId), command, toBreachView);
  }
}
