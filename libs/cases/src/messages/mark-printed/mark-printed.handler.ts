import { ForbiddenException } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { actorOf } from '@app/auth';
import { NotFoundError, RuleViolationError } from '@app/core';
import { CommandRunner } from '@app/platform/write';
import { mayHandle } from '../../case-lifecycle/case-step.handler';
import { loadCase } from '../../load-case';
import { deliveryDecider } from '../delivery.decider';
import { messagesStream } from '../delivery.events';
import { caseMessages } from '../message.view';
import { MarkMessagePrinted } from './mark-printed.command';

/**
 * Recorded on the case's messages stream, like every delivery outcome: the case's ETag stays. Marking a printed letter
 * again changes nothing; an e-mail is never printed, and an erased case's letter is not to be posted.
 */
@CommandHandler(MarkMessagePrinted)
export class MarkMessagePrintedHandler implements ICommandHandler<MarkMessagePrinted> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ caseId, messageId, user }: MarkMessagePrinted) {
    const s = await loadCase(this.runner.store, caseId);
    if (!mayHandle(user, s.unitId!)) throw new ForbiddenException(`you may not handle cases of unit ${s.unitId}`);
    const m = s.messages.find((x) => x.messageId === messageId);
    if (!m) throw new NotFoundError('message', messageId);
    if (m.channel !== 'letter') throw new RuleViolationError('not_a_letter', `message ${messageId} goes by ${m.channel}, not by letter`);
    const ref = { caseId, messageId, unitId: s.unitId!, kind: m.kind };
    await this.runner.run(
      deliveryDecider,
      messagesStream(caseId),
      (state) => {
        // A letter printed before the erasure was posted; one still in the queue is not.
        if (s.erasedAt && state.deliveries[messageId]?.status !== 'printed')
          throw new RuleViolationError('personal_data_erased', `the personal data of case ${s.reference} was erased on ${s.erasedAt}`);
        return { type: 'MarkPrinted' as const, ...ref, now: this.runner.now() };
      },
      { actor: actorOf(user) },
    );
    return (await caseMessages(this.runner.store, s, false)).find((x) => x.messageId === messageId)!;
  }
}
