import { Decider } from '@app/core';
import { DeliveryEvent } from './delivery.events';

export type DeliveryStatus = 'queued' | 'sent' | 'failed';

export interface Delivery {
  status: DeliveryStatus;
  attempts: number;
  /** Taken by a sender that has not recorded how it went (yet). */
  claimed: boolean;
  sentAt?: string;
  lastError?: unknown;
}

/** Every message of the case that the outbox took, by id. */
export interface DeliveryState {
  deliveries: Record<string, Delivery>;
}

type Target = { caseId: string; messageId: string; now: Date };
export type DeliveryCommand =
  | ({ type: 'ClaimMessage' } & Target)
  | ({ type: 'RecordSent'; smtpMessageId: string } & Target)
  | ({ type: 'RecordFailed'; error: string } & Target);

export const deliveryDecider: Decider<DeliveryState, DeliveryCommand, DeliveryEvent> = {
  initialState: () => ({ deliveries: {} }),

  evolve(s, event) {
    const { messageId, at, attempt } = event.data;
    const before = s.deliveries[messageId];
    const next = (d: Delivery) => ({ deliveries: { ...s.deliveries, [messageId]: d } });
    switch (event.type) {
      case 'MessageClaimed.v1':
        return next({ status: 'queued', attempts: attempt, claimed: true });
      case 'MessageSent.v1':
        return next({ ...before, status: 'sent', attempts: attempt, claimed: false, sentAt: at });
      case 'MessageFailed.v1':
        return next({ ...before, status: 'failed', attempts: attempt, claimed: false, lastError: event.data.error });
    }
  },

  /** A message is claimed once; only its claim's outcome is recorded, once. Anything else decides nothing. */
  decide(command, s) {
    const { caseId, messageId } = command;
    const delivery = s.deliveries[messageId];
    const at = command.now.toISOString();
    if (command.type === 'ClaimMessage') {
      return delivery ? [] : [{ type: 'MessageClaimed.v1', data: { caseId, messageId, at, attempt: 1 } }];
    }
    if (!delivery?.claimed) return [];
    const attempt = delivery.attempts;
    return command.type === 'RecordSent'
      ? [{ type: 'MessageSent.v1', data: { caseId, messageId, at, attempt, smtpMessageId: command.smtpMessageId } }]
      : [{ type: 'MessageFailed.v1', data: { caseId, messageId, at, attempt, error: command.error } }];
  },
};
