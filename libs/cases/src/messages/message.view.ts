import { aggregate } from '@app/core';
import { EventStore } from '@app/event-store';
import type { CaseState } from '../case.decider';
import type { MessageChannel } from '../case.events';
import { Delivery, deliveryDecider } from './delivery.decider';
import { messagesStream } from './delivery.events';

/**
 * `recorded`: the channel `none` (nothing goes out); a letter is `to_print` until `printed`; an e-mail is `queued`
 * (also between attempts and while an attempt is under way), then `sent` or `failed`; `cancelled`: the case's personal
 * data was erased before it went.
 */
export type MessageStatus = 'recorded' | 'queued' | 'sent' | 'failed' | 'to_print' | 'printed' | 'cancelled';

function statusOf(channel: MessageChannel, d: Delivery | undefined, erased: boolean): MessageStatus {
  if (channel === 'none') return 'recorded';
  if (d?.status === 'sent' || d?.status === 'printed') return d.status;
  if (erased) return 'cancelled';
  if (channel === 'letter') return 'to_print';
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
