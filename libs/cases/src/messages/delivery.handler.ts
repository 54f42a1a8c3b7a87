import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { actorOf } from '@app/auth';
import { CommandRunner } from '@app/platform/write';
import { ClaimMessage, RecordDelivery } from './delivery.command';
import { deliveryDecider } from './delivery.decider';
import { messagesStream } from './delivery.events';

/** The claim is appended with the revision read (a conflict re-reads and decides again), so one sender alone gets it. */
@CommandHandler(ClaimMessage)
export class ClaimMessageHandler implements ICommandHandler<ClaimMessage, boolean> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ caseId, messageId, user, metadata }: ClaimMessage): Promise<boolean> {
    const command = { type: 'ClaimMessage' as const, caseId, messageId, now: this.runner.now() };
    const result = await this.runner.run(deliveryDecider, messagesStream(caseId), command, { actor: actorOf(user), metadata });
    return result.events.length > 0;
  }
}

@CommandHandler(RecordDelivery)
export class RecordDeliveryHandler implements ICommandHandler<RecordDelivery, void> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ caseId, messageId, outcome, user, metadata }: RecordDelivery): Promise<void> {
    const target = { caseId, messageId, now: this.runner.now() };
    const command =
      'error' in outcome
        ? { type: 'RecordFailed' as const, error: outcome.error, ...target }
        : { type: 'RecordSent' as const, smtpMessageId: outcome.smtpMessageId, ...target };
    await this.runner.run(deliveryDecider, messagesStream(caseId), command, { actor: actorOf(user), metadata });
  }
}
