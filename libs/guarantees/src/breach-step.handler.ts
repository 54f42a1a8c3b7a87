import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ResourceResult } from '@app/platform';
import { CommandRunner } from '@app/platform/write';
import { actingForUnit } from './acting-for-unit';
import { breachDecider } from './breach.decider';
import { breachStream } from './breach.events';
import { BreachView, toBreachView } from './breach.view';
import { BreachStep } from './breach-step';

@CommandHandler(BreachStep)
export class BreachStepHandler implements ICommandHandler<BreachStep, ResourceResult<BreachView>> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: BreachStep): Promise<ResourceResult<BreachView>> {
    const now = this.runner.now();
    return this.runner.respond(
      breachDecider,
      breachStream(command.breachId),
      command.decision(now),
      actingForUnit(command.user, command.expectedRevision),
      (s) => toBreachView(s, now),
    );
  }
}
