/**
 * What becomes of a case's messages, on a stream of the case's messages beside the case's own: a delivery never
 * changes the case's revision (its ETag), so a manager's If-Match is not broken by the outbox. A failure's reason may
 * quote the address: sealed with the case's key (case.personal-data.ts).
 */
type Delivery<T extends string, D = object> = { type: T; data: { caseId: string; messageId: string; at: string; attempt: number } & D };
/** The outbox took the message to send it: appended with the expected revision, so only one sender ever takes it. */
export type MessageClaimed = Delivery<'MessageClaimed.v1'>;
/** The mail server accepted the message. */
export type MessageSent = Delivery<'MessageSent.v1', { smtpMessageId: string }>;
/** The mail server refused the message or could not be reached: why. */
export type MessageFailed = Delivery<'MessageFailed.v1', { error: string }>;

export type DeliveryEvent = MessageClaimed | MessageSent | MessageFailed;

export const MESSAGES_CATEGORY = 'messages';
export const messagesStream = (caseId: string) => `${MESSAGES_CATEGORY}-${caseId}`;
