import { RecordedEvent } from '@app/core';
import { Reactor } from '@app/projections';
import type { MessageSent } from '../delivery.events';
import { AcknowledgeByReceipt } from './acknowledge-by-receipt.command';

/**
 * A receipt the outbox sent acknowledges its case (DOMAIN.md "Two clocks"), at the instant the mail server accepted
 * it. On the durable log with a checkpoint, so a crash between the `sent` record and the acknowledgement loses nothing;
 * idempotent, since an acknowledged case decides nothing.
 */
export function receiptAcknowledgementReactor(commands: { execute(command: object): Promise<unknown> }): Reactor {
  return {
    name: 'receipt-acknowledgement',
    filter: { types: ['MessageSent.v1'] },
    sealed: true, // ids, kinds and times only
    async handle(recorded: RecordedEvent) {
      const { caseId, kind, at } = recorded.data as MessageSent['data'];
      if (kind !== 'receipt') return;
      const metadata = { correlationId: recorded.metadata.correlationId, causationId: recorded.id };
      await commands.execute(new AcknowledgeByReceipt(caseId, new Date(at), metadata));
    },
  };
}
