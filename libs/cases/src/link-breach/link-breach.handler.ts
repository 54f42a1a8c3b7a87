import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { actorOf } from '@app/auth';
import { CommandRunner } from '@app/platform/write';
import { caseDecider } from '../case.decider';
import { caseStream } from '../case.events';
import { LinkBreach } from './link-breach.command';

@CommandHandler(LinkBreach)
export class LinkBreachHandler implements ICommandHandler<LinkBreach, void> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ caseId, breachId, user, metadata }: LinkBreach): Promise<void> {
    const command = { type: 'LinkBreach' as const, breachId, now: this.runner.now() };
    await this.runner.run(caseDecider, caseStream(caseId), command, { actor: actorOf(user), metadata });
  }
}
