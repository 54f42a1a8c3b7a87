import { aggregate } from '@app/core';
import { EventStore } from '@app/event-store';
import type { CaseState } from '../case.decider';
import { deliveryDecider } from './delivery.decider';
import { messagesStream } from './delivery.events';

/**
 * The case's messages as its GET lists them: each queued with its step, its delivery from the case's messages stream.
 * A message with the channel `none` is only recorded. The failure's reason is personal data: for readers of the text.
 */
export async function caseMessages(store: Pick<EventStore, 'readStream'>, s: CaseState, withContent: boolean) {
  if (!s.messages.length) return [];
  const { deliveries } = (await aggregate(store, deliveryDecider, messagesStream(s.caseId!))).state;
  return s.messages.map((m) => {
    const d = deliveries[m.messageId];
    return {
      messageId: m.messageId,
      kind: m.kind,
      channel: m.channel,
      status: m.channel === 'none' ? ('recorded' as const) : (d?.status ?? 'queued'),
      queuedAt: m.queuedAt,
      ...(d?.sentAt ? { sentAt: d.sentAt } : {}),
      attempts: d?.attempts ?? 0,
      ...(d?.lastError !== undefined && withContent ? { lastError: d.lastError } : {}),
    };
  });
}
