import { EventStore } from '@app/event-store';
import { Mail, mailOf, OpenedMessage } from './mailer';
import { messageContent, openQueued } from './message-context';

/**
 * What the outbox sends (OutboxDeps.compose): the message in the Swedish template of its kind, with the unit's name,
 * contact details and Reply-To, the next deadline and, for a case that named a guarantee commitment, what was promised
 * and the rättelse. The case is read as it stood when the message was queued, so a retry sends the same words.
 */
export function messageComposer(store: EventStore, municipality: string, from: string): (m: OpenedMessage) => Promise<Mail> {
  return async (m) => {
    const opened = await openQueued(store, m.caseId, m.messageId);
    return mailOf(m, from, await messageContent(store, opened, municipality));
  };
}
