import { systemPrincipal } from '@app/auth';
import { RecordedEvent } from '@app/core';
import { Reactor } from '@app/projections';
import type { MessageQueued } from '../case.events';
import { ClaimMessage, RecordDelivery } from './delivery.command';
import { Mailer, mailOf } from './mailer';

/** Who sends: recorded as the actor of the claims and outcomes. */
export const OUTBOX = systemPrincipal('outbox', 'Utskick till den som skrivit');

export interface OutboxDeps {
  commands: { execute(command: object): Promise<unknown> };
  mailer: Mailer;
  /** MAIL_FROM */
  from: string;
}

/**
 * The outbox, in the projector: each queued e-mail is claimed (an append with the expected revision on the case's
 * messages stream, so of two projectors only one sends it), sent over SMTP, and its outcome recorded there. A message
 * whose personal data was erased is never sent. Delivered again after a crash, a message already claimed is left
 * alone: it is sent at most once.
 */
export function outboxReactor({ commands, mailer, from }: OutboxDeps): Reactor {
  return {
    name: 'outbox',
    filter: { types: ['MessageQueued.v1'] },
    async handle(recorded: RecordedEvent) {
      const m = recorded.data as MessageQueued['data'];
      if (m.channel !== 'email') return;
      // Erased: the sealed fields read as {erased: true}.
      if (typeof m.recipient !== 'string' || typeof m.text !== 'string') return;
      const metadata = { correlationId: recorded.metadata.correlationId, causationId: recorded.id };
      if (!(await commands.execute(new ClaimMessage(m.caseId, m.messageId, OUTBOX, metadata)))) return;
      let outcome: { smtpMessageId: string } | { error: string };
      try {
        outcome = { smtpMessageId: await mailer.send(mailOf({ ...m, recipient: m.recipient, text: m.text }, from)) };
      } catch (err) {
        outcome = { error: err instanceof Error ? err.message : String(err) };
      }
      await commands.execute(new RecordDelivery(m.caseId, m.messageId, outcome, OUTBOX, metadata));
    },
  };
}
