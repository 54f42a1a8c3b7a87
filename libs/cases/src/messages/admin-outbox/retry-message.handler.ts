import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { actorOf } from '@app/auth';
import { NotFoundError, RuleViolationError } from '@app/core';
import { ProjectionsHost } from '@app/platform';
import { CommandRunner } from '@app/platform/write';
import type { MessageKind } from '../../case.events';
import { deliveryDecider } from '../delivery.decider';
import { messagesStream } from '../delivery.events';
import type { OutboxRow } from '../outbox.projection';
import { RetryMessage } from './retry-message.command';

/**
 * Finds the message in the outbox (which case, unit and kind), then decides on its delivery as recorded: only a
 * failed message is requeued (409 otherwise), never one whose case's personal data was erased.
 */
@CommandHandler(RetryMessage)
export class RetryMessageHandler implements ICommandHandler<RetryMessage> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly host: ProjectionsHost,
  ) {}

  async execute({ messageId, user }: RetryMessage) {
    const row = this.host.readModels.get<OutboxRow>('SELECT * FROM outbox WHERE message_id = ?', messageId);
    if (!row) throw new NotFoundError('message', messageId);
    if (row.status === 'cancelled')
      throw new RuleViolationError(
        'personal_data_erased',
        `the personal data of case ${row.reference} was erased: there is nobody to send to`,
      );
    const ref = { caseId: row.case_id, messageId, unitId: row.unit_id ?? '', kind: row.kind as MessageKind };
    const result = await this.runner.run(
      deliveryDecider,
      messagesStream(row.case_id),
      { type: 'RequeueMessage', ...ref, now: this.runner.now() },
      { actor: actorOf(user) },
    );
    const d = result.state.deliveries[messageId];
    return {
      messageId,
      caseId: row.case_id,
      reference: row.reference,
      kind: row.kind,
      channel: row.channel,
      status: d.status,
      attempts: d.attempts,
    };
  }
}
