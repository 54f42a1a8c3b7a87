import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { actorOf } from '@app/auth';
import { APP_CONFIG, AppConfig } from '@app/platform';
import { CommandRunner } from '@app/platform/write';
import { ClaimMessage, RecordDelivery } from './delivery.command';
import { deliveryDecider, SendPolicy } from './delivery.decider';
import { messagesStream } from './delivery.events';

/** Longer than one SMTP exchange can take (the mailer's connection, greeting and socket timeouts together). */
export const CLAIM_LEASE_MS = 2 * 60_000;

export const sendPolicy = (outbox: AppConfig['outbox']): SendPolicy => ({
  leaseMs: CLAIM_LEASE_MS,
  maxAttempts: outbox.maxAttempts,
  retryBaseMs: outbox.retryBaseSeconds * 1000,
  maxAgeMs: outbox.maxAgeHours * 3600_000,
});

/** The claim is appended with the revision read (a conflict re-reads and decides again), so one sender alone gets it. */
@CommandHandler(ClaimMessage)
export class ClaimMessageHandler implements ICommandHandler<ClaimMessage, number | false> {
  private readonly policy: SendPolicy;

  constructor(
    private readonly runner: CommandRunner,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.policy = sendPolicy(config.outbox);
  }

  async execute({ message, user, metadata }: ClaimMessage): Promise<number | false> {
    const command = { type: 'ClaimMessage' as const, ...message, policy: this.policy, now: this.runner.now() };
    const result = await this.runner.run(deliveryDecider, messagesStream(message.caseId), command, { actor: actorOf(user), metadata });
    const [event] = result.events;
    return event?.type === 'MessageClaimed.v1' ? (event.data as { attempt: number }).attempt : false;
  }
}

@CommandHandler(RecordDelivery)
export class RecordDeliveryHandler implements ICommandHandler<RecordDelivery, void> {
  private readonly policy: SendPolicy;

  constructor(
    private readonly runner: CommandRunner,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.policy = sendPolicy(config.outbox);
  }

  async execute({ message, attempt, outcome, user, metadata }: RecordDelivery): Promise<void> {
    const target = { ...message, attempt, now: this.runner.now() };
    const command =
      'error' in outcome
        ? { type: 'RecordFailed' as const, error: outcome.error, permanent: outcome.permanent, policy: this.policy, ...target }
        : { type: 'RecordSent' as const, smtpMessageId: outcome.smtpMessageId, ...target };
    await this.runner.run(deliveryDecider, messagesStream(message.caseId), command, { actor: actorOf(user), metadata });
  }
}
