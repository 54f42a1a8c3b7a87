import type { MessageKind } from '../case.events';

/**
 * What becomes of a case's messages, on a stream of the case's messages beside the case's own: a delivery never
 * changes the case's revision (its ETag), so a manager's If-Match is not broken by the outbox. Each event names the
 * message's kind and the case's unit, so read models need not look them up. A failure's reason may quote the address:
 * sealed with the case's key (case.personal-data.ts).
 */
type Delivery<T extends string, D = object> = {
  type: T;
  data: { caseId: string; messageId: string; unitId: string; kind: MessageKind; at: string; attempt: number } & D;
};
/**
 * The outbox took the message to send it: appended with the expected revision, so only one sender takes it at a time.
 * Until `leaseUntil` no other sender may; after it, the sender is taken to have died and the message may be taken again.
 */
export type MessageClaimed = Delivery<'MessageClaimed.v1', { leaseUntil: string }>;
/** The mail server accepted the message. */
export type MessageSent = Delivery<'MessageSent.v1', { smtpMessageId: string }>;
/**
 * The message could not be sent: why. With `retryAt` it is tried again from then; without, it has finally failed
 * (refused for good, too many attempts, or too old to send) and waits for a manager's retry or resend.
 */
export type MessageFailed = Delivery<'MessageFailed.v1', { error: string; retryAt?: string }>;
/** A letter was printed (and is posted by the unit). */
export type MessagePrinted = Delivery<'MessagePrinted.v1'>;
/** An administrator put a failed message back in the queue: its attempts start again from none. */
export type MessageRequeued = Delivery<'MessageRequeued.v1'>;

export type DeliveryEvent = MessageClaimed | MessageSent | MessageFailed | MessagePrinted | MessageRequeued;

export const MESSAGES_CATEGORY = 'messages';
export const messagesStream = (caseId: string) => `${MESSAGES_CATEGORY}-${caseId}`;
