import { DomainError, fold, NotFoundError, RecordedEvent, stockholmDate } from '@app/core';
import { EventStore } from '@app/event-store';
import { commitmentInForceAt, loadGuarantee } from '@app/guarantees';
import { loadUnit } from '@app/units';
import { caseDecider, CaseState, receiptText } from '../case.decider';
import { CaseEvent, caseStream, MessageQueued } from '../case.events';
import { MessageContent } from './message.template';

/** A message whose case's personal data was erased: its text and recipient went with the key. */
export class MessageErasedError extends DomainError {
  readonly status = 410;
  constructor(reference: string, messageId: string) {
    super('personal_data_erased', `the personal data of case ${reference} was erased: message ${messageId} is gone`);
  }
}

/** A queued message with its sealed text and recipient opened, and the case as it stood when it was queued. */
export interface OpenedQueued {
  message: MessageQueued['data'] & { text: string };
  /** The case as it stood just after the message was queued (what its words speak of). */
  state: CaseState;
  /** The date the latest delay notice before the message promised a response by, if it gave one. */
  promisedBy?: string;
  /** The case now (who may read it, whether it was erased since). */
  current: CaseState & { revision: bigint };
}

/** The message of a case by id, opened; 404 when the case has no such message, 410 when its personal data was erased. */
export async function openQueued(
  store: Pick<EventStore, 'readStream'>,
  caseId: string,
  messageId: string,
  /** Whether the caller may see the case: checked before anything about the message is told. */
  authorize: (current: CaseState) => void = () => undefined,
): Promise<OpenedQueued> {
  const events = (await store.readStream(caseStream(caseId))) as unknown as (RecordedEvent & CaseEvent)[];
  if (!events.length) throw new NotFoundError('case', caseId);
  const current = { ...fold(caseDecider, events), revision: events[events.length - 1].revision };
  authorize(current);
  const index = events.findIndex((e) => e.type === 'MessageQueued.v1' && e.data.messageId === messageId);
  if (index < 0) throw new NotFoundError('message', `${messageId} of case ${caseId}`);
  const message = events[index].data as MessageQueued['data'];
  if (current.erasedAt || typeof message.text !== 'string') throw new MessageErasedError(current.reference!, messageId);
  const before = events.slice(0, index + 1);
  const notice = before.filter((e) => e.type === 'DelayNoticeSent.v1').pop() as (CaseEvent & { type: 'DelayNoticeSent.v1' }) | undefined;
  const promisedBy = notice?.data.newRespondBy;
  return { message: { ...message, text: message.text }, state: fold(caseDecider, before), current, ...(promisedBy ? { promisedBy } : {}) };
}

/**
 * What a message's words are made of besides its own text: the unit's name and contact details, the next deadline
 * (a delay notice's new date where one was given), and for a case that named a guarantee commitment in force when it
 * was received, the commitment's text and the rättelse the guarantee offers.
 */
export async function messageContent(
  store: EventStore,
  opened: Pick<OpenedQueued, 'message' | 'state' | 'promisedBy'>,
  municipality: string,
): Promise<MessageContent> {
  const { message: m, state: s } = opened;
  const unit = await loadUnit(store, s.unitId!);
  const contact = unit.contact ?? {};
  return {
    kind: m.kind,
    reference: m.reference,
    confidential: m.confidential,
    // A receipt in the default words takes the unit's own receipt text, where it set one.
    text: m.kind === 'receipt' && contact.receiptText && m.text === receiptText(s) ? contact.receiptText : m.text,
    unit: {
      name: unit.name ?? s.unitId!,
      ...(contact.email ? { email: contact.email } : {}),
      ...(contact.phone ? { phone: contact.phone } : {}),
      ...(contact.address ? { address: contact.address } : {}),
    },
    municipality,
    ...deadlineOf(m, s, opened.promisedBy),
    ...(m.forwardOf ? { handledWith: m.forwardOf.reference } : {}),
    ...(await guaranteeOf(store, s)),
  };
}

function deadlineOf(m: MessageQueued['data'], s: CaseState, promisedBy?: string): { deadline?: string } {
  if (m.kind === 'response' || s.respondedAt || !s.needsResponse || !s.respondBy) return {};
  return { deadline: promisedBy ?? stockholmDate(s.respondBy) };
}

async function guaranteeOf(store: EventStore, s: CaseState): Promise<Pick<MessageContent, 'guarantee'>> {
  if (!s.guaranteeId || !s.commitmentId) return {};
  const inForce = await commitmentInForceAt(store, s.guaranteeId, s.commitmentId, new Date(s.receivedAt!));
  if (!inForce.ok) return {};
  const guarantee = await loadGuarantee(store, s.guaranteeId);
  const version = guarantee.versions.find((v) => v.version === inForce.version);
  return version ? { guarantee: { commitment: inForce.commitment.text, remedy: version.remedy } } : {};
}
