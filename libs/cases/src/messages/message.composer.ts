import { EventStore } from '@app/event-store';
import { Mail, mailOf, OpenedMessage } from './mailer';
import { messageContent, OpenedQueued } from './message-context';

/**
 * What the outbox sends (OutboxDeps.compose): the message in the Swedish template of its kind, with the unit's name,
 * contact details and Reply-To, the next deadline and, for a case that named a guarantee commitment, what was promised
 * and the rättelse. The case is read as it stood when the message was queued, so a retry says the same of it; the unit's
 * name and contact details are its current ones: how to reach the unit now is what a late letter or retry should say.
 */
export function messageComposer(
  store: EventStore,
  municipality: string,
  from: string,
): (m: OpenedMessage, opened: OpenedQueued) => Promise<Mail> {
  return async (m, opened) => mailOf(m, from, await messageContent(store, opened, municipality));
}
