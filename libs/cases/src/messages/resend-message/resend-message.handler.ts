import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RuleViolationError } from '@app/core';
import { ResourceResult } from '@app/platform';
import { CommandRunner } from '@app/platform/write';
import { CaseView, mustSeeCase } from '../../case.view';
import { runOnCase } from '../../case-lifecycle/case-step.handler';
import { MessageErasedError, openQueued } from '../message-context';
import { ResendMessage } from './resend-message.command';

/** Opens the original's text (it is sealed in the log), then queues it again on the case like any step's message. */
@CommandHandler(ResendMessage)
export class ResendMessageHandler implements ICommandHandler<ResendMessage, ResourceResult<CaseView>> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ caseId, messageId, send, user, expectedRevision }: ResendMessage): Promise<ResourceResult<CaseView>> {
    const authorize = (s: { unitId?: string }) => mustSeeCase(user, s.unitId!);
    const { message } = await openQueued(this.runner.store, caseId, messageId, authorize).catch((err: unknown) => {
      // Nobody to send to: a rule of the case (409), not a resource gone from under the path.
      if (err instanceof MessageErasedError) throw new RuleViolationError('personal_data_erased', err.message);
      throw err;
    });
    return runOnCase(this.runner, { caseId, user, expectedRevision }, ({ now }) => ({
      type: 'ResendMessage',
      messageId,
      text: message.text,
      send,
      now,
    }));
  }
}
