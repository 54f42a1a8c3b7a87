import { aggregate } from '@app/core';
import { EventStore } from '@app/event-store';
import type { CaseState } from '../case.decider';
import type { MessageChannel } from '../case.events';
import { Delivery, deliveryDecider } from './delivery.decider';
import { messagesStream } from './delivery.events';

/**
 * API.md's statuses: an e-mail is `queued` (also between attempts and while an attempt is under way), then `sent` or
 * `failed`; a letter is `queued` until `printed` (the print queue, `GET /api/admin/outbox?status=to_print`, calls that
 * wait `to_print`). Beyond them: `recorded` for the channel `none` (nothing goes out), `cancelled` when the case's
 * personal data was erased before the message went.
 */
export type MessageStatus = 'recorded' | 'queued' | 'sent' | 'failed' | 'printed' | 'cancelled';

function statusOf(channel: MessageChannel, d: Delivery | undefined, erased: boolean): MessageStatus {
  if (channel === 'none') return 'recorded';
  if (d?.status === 'sent' || d?.status === 'printed') return d.status;
  if (erased) return 'cancelled';
  if (channel === 'letter') return 'queued';
  return d?.status === 'failed' ? 'failed' : 'queued';
}

/**
 * The case's messages as its GET lists them: each queued with its step, its delivery from the case's messages stream.
 * The failure's reason is personal data (it may quote the address): for readers of the text only.
 */
export async function caseMessages(store: Pick<EventStore, 'readStream'>, s: CaseState, withContent: boolean) {
  if (!s.messages.length) return [];
  const { deliveries } = (await aggregate(store, deliveryDecider, messagesStream(s.caseId!))).state;
  return s.messages.map((m) => {
    const d = deliveries[m.messageId];
    const status = statusOf(m.channel, d, !!s.erasedAt);
    return {
      messageId: m.messageId,
      kind: m.kind,
      channel: m.channel,
      status,
      queuedAt: m.queuedAt,
      ...(d?.sentAt ? { sentAt: d.sentAt } : {}),
      ...(d?.printedAt ? { printedAt: d.printedAt } : {}),
      attempts: d?.attempts ?? 0,
      ...(status === 'queued' && d?.retryAt ? { nextAttemptAt: d.retryAt } : {}),
      ...(d?.lastError !== undefined && withContent ? { lastError: d.lastError } : {}),
    };
  });
}
