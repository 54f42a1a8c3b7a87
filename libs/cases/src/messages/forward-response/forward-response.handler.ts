import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { actorOf } from '@app/auth';
import { CommandRunner } from '@app/platform/write';
import { caseDecider } from '../../case.decider';
import { caseStream } from '../../case.events';
import { ForwardResponse } from './forward-response.command';

/** Decided on the duplicate's own stream, so the text is sealed with the duplicate's key; a second delivery decides nothing. */
@CommandHandler(ForwardResponse)
export class ForwardResponseHandler implements ICommandHandler<ForwardResponse, void> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ duplicateCaseId, of, text, user, metadata, confidential }: ForwardResponse): Promise<void> {
    const command = { type: 'ForwardResponse' as const, of, text, confidential, now: this.runner.now() };
    await this.runner.run(caseDecider, caseStream(duplicateCaseId), command, { actor: actorOf(user), metadata });
  }
}
