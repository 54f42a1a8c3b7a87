import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { actorOf } from '@app/auth';
import { CommandRunner } from '@app/platform/write';
import { caseDecider } from '../../case.decider';
import { caseStream } from '../../case.events';
import { OUTBOX } from '../outbox.principal';
import { AcknowledgeByReceipt } from './acknowledge-by-receipt.command';

/** Recorded as done by the outbox; deciding again on an acknowledged case decides nothing, so a replay is harmless. */
@CommandHandler(AcknowledgeByReceipt)
export class AcknowledgeByReceiptHandler implements ICommandHandler<AcknowledgeByReceipt, void> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ caseId, sentAt, metadata }: AcknowledgeByReceipt): Promise<void> {
    const command = { type: 'AcknowledgeByReceipt' as const, sentAt, now: this.runner.now() };
    await this.runner.run(caseDecider, caseStream(caseId), command, { actor: actorOf(OUTBOX), metadata });
  }
}
