import { createHash } from 'node:crypto';
import { InvalidInputError, NotFoundError, RuleViolationError, stockholmDate } from '@app/core';
import type { MessageChannel, MessageKind, MessageQueued, Submitter } from './case.events';
import type { CaseState, Send } from './case.model';

/** An id in the shape of a UUID (version 5, RFC 4122 variant) derived from `seed`, so deciding again names the same one. */
export function derivedId(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A message's id: derived from the case and its place among the case's messages, so a retried decision names the same one. */
const messageIdFor = (caseId: string, index: number) => derivedId(`message-of-case:${caseId}:${index}`);

/** A forwarded response's id: derived from the response and the duplicate, so a replay or a second delivery finds it. */
export const forwardedMessageId = (messageId: string, duplicateCaseId: string) => derivedId(`forward:${messageId}:${duplicateCaseId}`);

/**
 * The message a step gives the submitter, queued with it (recorded now: it never moves the business clock). `auto`
 * picks e-mail, else a letter, else none; asking for a way the submitter left no details for is a 400 on `send`. A case
 * whose personal data was erased gets no message: there is nobody to send it to, and nothing personal may be recorded.
 */
export function queue(s: CaseState, kind: MessageKind, command: Send & { now: Date }, text: string): MessageQueued[] {
  const send = command.send ?? 'auto';
  if (s.erasedAt) {
    if (send === 'auto' || send === 'none') return [];
    throw new InvalidInputError([
      { field: 'send', message: `the personal data of case ${s.reference} was erased: there is nobody to send to` },
    ]);
  }
  const contact: Submitter = s.submitter && !('erased' in s.submitter) ? s.submitter : {};
  const postal = contact.address ? [contact.name, contact.address].filter(Boolean).join(', ') : undefined;
  const channel: MessageChannel = send === 'auto' ? (contact.email ? 'email' : postal ? 'letter' : 'none') : send;
  if (channel === 'email' && !contact.email)
    throw new InvalidInputError([{ field: 'send', message: 'the submitter left no e-mail address' }]);
  if (channel === 'letter' && !postal) throw new InvalidInputError([{ field: 'send', message: 'the submitter left no postal address' }]);
  const recipient = channel === 'email' ? contact.email : channel === 'letter' ? postal : undefined;
  const message: MessageQueued = {
    type: 'MessageQueued.v1',
    data: {
      caseId: s.caseId!,
      at: command.now.toISOString(),
      messageId: messageIdFor(s.caseId!, s.messages.length),
      kind,
      channel,
      reference: s.reference!,
      confidential: !!s.confidential,
      ...(recipient ? { recipient } : {}),
      text,
    },
  };
  return [message];
}

/**
 * A message again, of the same kind and text, to the submitter's contact details as they are now (after a correction):
 * `auto` picks the way as for the first. There must be someone to send it to.
 */
export function resend(c: { messageId: string; text: string; now: Date } & Send, s: CaseState): MessageQueued[] {
  const original = s.messages.find((m) => m.messageId === c.messageId);
  if (!original) throw new NotFoundError('message', `${c.messageId} of case ${s.reference}`);
  if (s.erasedAt)
    throw new RuleViolationError('personal_data_erased', `the personal data of case ${s.reference} was erased: there is nobody to send to`);
  const [again] = queue(s, original.kind, c, c.text);
  if (again.data.channel === 'none')
    throw new InvalidInputError([{ field: 'send', message: 'the submitter left no e-mail or postal address to send it to' }]);
  return [{ ...again, data: { ...again.data, resendOf: c.messageId } }];
}

/**
 * The response of the case a duplicate was merged into goes to the duplicate's submitter too, sealed with the
 * duplicate's own key, once. A duplicate erased, unmerged, whose submitter wanted no reply or left no address gets
 * none. The copy is confidential when either case is: a confidential response must not travel as an e-mail's text
 * just because a duplicate of it was not confidential (`confidential`: the response's own flag).
 */
export function forward(
  c: { of: { caseId: string; reference: string; messageId: string }; text: string; confidential?: boolean; now: Date },
  s: CaseState,
): MessageQueued[] {
  const messageId = forwardedMessageId(c.of.messageId, s.caseId!);
  if (s.erasedAt || s.mergedInto !== c.of.caseId || s.messages.some((m) => m.messageId === messageId)) return [];
  if (!s.wantsReply) return []; // nothing is sent to someone who asked for no reply, not even another case's answer
  const [copy] = queue(s, 'response', { send: 'auto', now: c.now }, c.text);
  if (!copy || copy.data.channel === 'none') return [];
  const confidential = copy.data.confidential || !!c.confidential;
  return [{ ...copy, data: { ...copy.data, messageId, confidential, forwardOf: c.of } }];
}

/** The receipt's text: the one given, or the default naming the reference and, where one is due, the response's deadline. */
export function receiptText(s: Pick<CaseState, 'needsResponse' | 'respondBy' | 'reference'>, given?: string): string {
  if (given?.trim()) return given;
  const due = s.needsResponse ? ` Du får svar senast ${stockholmDate(s.respondBy!)}.` : '';
  return `Vi har tagit emot din synpunkt. Den är registrerad med diarienummer ${s.reference}.${due}`;
}

export const delayText = (reason: string, newRespondBy?: string) =>
  newRespondBy ? `${reason}\n\nDu får svar senast ${newRespondBy}.` : reason;
