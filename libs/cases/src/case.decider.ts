import { createHash } from 'node:crypto';
import {
  Decider,
  EventMetadata,
  InvalidInputError,
  isCalendarDate,
  NotFoundError,
  pauseStopsResponseClock,
  RuleViolationError,
  stockholmDate,
  workingDays,
} from '@app/core';
import {
  CASE_EVENT_KINDS,
  CaseEvent,
  CaseRegistered,
  CaseResumed,
  CaseType,
  Channel,
  Location,
  MessageChannel,
  MessageKind,
  MessageQueued,
  Outcome,
  Resolution,
  SendOption,
  Submitter,
  SubmitterRectified,
} from './case.events';

export type CaseStatus =
  | 'received'
  | 'acknowledged'
  | 'in_progress'
  | 'transferred'
  | 'awaiting_complainant'
  | 'responded'
  | 'reopened'
  | 'closed';

export interface CaseState {
  exists: boolean;
  caseId?: string;
  reference?: string;
  type?: CaseType;
  channel?: Channel;
  unitId?: string;
  category?: string;
  description?: unknown;
  submitter?: Submitter | { erased: true };
  wantsReply?: boolean;
  needsResponse?: boolean;
  location?: Location;
  guaranteeId?: string;
  commitmentId?: string;
  breachId?: string;
  confidential?: boolean;
  status?: CaseStatus;
  /** The status to return to after a pause or an unmerge. */
  statusBefore?: CaseStatus;
  resolution?: Resolution;
  outcome?: Outcome;
  assignee?: string;
  receivedAt?: string;
  registeredAt?: string;
  acknowledgedAt?: string;
  respondedAt?: string;
  closedAt?: string;
  acknowledgeBy?: string;
  respondBy?: string;
  pausedSince?: string;
  mergedInto?: string;
  delayNotices: number;
  /** The messages queued to the submitter, oldest first (their delivery is on the case's messages stream). */
  messages: { messageId: string; kind: MessageKind; channel: MessageChannel; queuedAt: string }[];
  erasedAt?: string;
  /** Business time of the latest step: later steps may not be dated before it. */
  lastAt?: string;
  /** `at` is business time for a step and record time for a record; `recordedAt` is when the system learned it. */
  history: { type: string; at: string; recordedAt?: string; by?: Actor }[];
}

export type Actor = { sub: string; name?: string };

export interface RegistrationInput {
  caseId: string;
  reference: string;
  caseType: CaseType;
  channel: Channel;
  unitId: string;
  category?: string;
  description: string;
  submitter?: Submitter;
  wantsReply?: boolean;
  location?: Location;
  guaranteeId?: string;
  commitmentId?: string;
  confidential?: boolean;
  receivedAt?: Date;
  rules: { acknowledgeWorkingDays: number; respondWorkingDays: number };
  /** AUTO_RECEIPT: a submitter who left an e-mail address gets the receipt at once (it acknowledges the case when sent). */
  autoReceipt?: boolean;
}

type At = { at?: Date; now: Date };
/** How a step's message to the submitter goes (default `auto`). */
type Send = { send?: SendOption };
export type CaseCommand =
  | ({ type: 'RegisterCase' } & RegistrationInput & { now: Date })
  /** `message`: the receipt's text, instead of the default one. */
  | ({ type: 'AcknowledgeCase'; message?: string } & At & Send)
  /** The outbox sent a receipt: the case is acknowledged by the system at `sentAt`, unless it already is. */
  | { type: 'AcknowledgeByReceipt'; sentAt: Date; now: Date }
  | ({ type: 'AssignCase'; assignee: string } & At)
  | ({ type: 'TransferCase'; toUnitId: string; toUnitOpen: boolean; reason: string } & At)
  | ({ type: 'AwaitComplainant'; question: string } & At & Send)
  | ({ type: 'ResumeCase' } & At)
  | ({ type: 'RespondCase'; message: string; outcome?: Outcome } & At & Send)
  | ({ type: 'SendDelayNotice'; reason: string; newRespondBy?: string } & At & Send)
  | ({ type: 'CloseCase'; resolution: Exclude<Resolution, 'duplicate'>; note?: string } & At)
  | ({ type: 'ReopenCase'; reason: string } & At)
  | ({ type: 'MergeCase'; into: { caseId: string; reference: string; exists: boolean; mergedInto?: string } } & At)
  | ({ type: 'UnmergeCase' } & At)
  | ({ type: 'LinkBreach'; breachId: string } & At)
  | ({ type: 'ErasePersonalData'; reason: string; basis: 'request' | 'gallring' } & At)
  | { type: 'RectifySubmitter'; submitter: Submitter; now: Date }
  /** `category` is an id on the list (the handler checks it against the list). */
  | { type: 'RecategoriseCase'; category: string; now: Date }
  /** A message queued again to the submitter's current contact details; `text` is the original's (opened by the handler). */
  | ({ type: 'ResendMessage'; messageId: string; text: string; now: Date } & Send)
  /** The response of the case this one was merged into, for this case's submitter (see forwardedMessageId). */
  | { type: 'ForwardResponse'; of: { caseId: string; reference: string; messageId: string }; text: string; now: Date };

const OPEN: CaseStatus[] = ['received', 'acknowledged', 'in_progress', 'transferred', 'awaiting_complainant', 'responded', 'reopened'];
/** The history entry of an event; a step also moves the floor for later steps' business time (CASE_EVENT_KINDS). */
function entry(s: CaseState, event: CaseEvent, at: string, metadata?: Partial<EventMetadata>): Pick<CaseState, 'lastAt' | 'history'> {
  const actor = metadata?.actor;
  const moves = CASE_EVENT_KINDS[event.type] === 'step';
  return {
    lastAt: moves && at > (s.lastAt ?? '') ? at : s.lastAt,
    history: [
      ...s.history,
      {
        type: event.type.replace(/\.v\d+$/, ''),
        at,
        ...(metadata?.recordedAt ? { recordedAt: metadata.recordedAt } : {}),
        ...(actor ? { by: { sub: actor.sub, ...(actor.name ? { name: actor.name } : {}) } } : {}),
      },
    ],
  };
}

/** Back to the status an event names, after a pause or an unmerge: the remembered one is spent. */
const returnTo = (status: string) => ({ status: status as CaseStatus, statusBefore: undefined });

export const caseDecider: Decider<CaseState, CaseCommand, CaseEvent> = {
  initialState: () => ({ exists: false, delayNotices: 0, messages: [], history: [] }),

  evolve(s, event) {
    // A message is listed with its delivery (GET: messages), not in the history of the handling.
    if (event.type === 'MessageQueued.v1') {
      const { messageId, kind, channel } = event.data;
      return { ...s, messages: [...s.messages, { messageId, kind, channel, queuedAt: event.data.at }] };
    }
    const at = 'at' in event.data ? event.data.at : event.data.receivedAt;
    // Recorded events carry who did it and when it was recorded in their metadata; freshly decided ones do not yet.
    const base = { ...s, ...entry(s, event, at, (event as { metadata?: Partial<EventMetadata> }).metadata) };
    switch (event.type) {
      case 'CaseRegistered.v1': {
        const d = event.data;
        return {
          ...base,
          exists: true,
          caseId: d.caseId,
          reference: d.reference,
          type: d.type,
          channel: d.channel,
          unitId: d.unitId,
          category: d.category,
          description: d.description,
          submitter: d.submitter,
          wantsReply: d.wantsReply,
          needsResponse: d.needsResponse,
          location: d.location,
          guaranteeId: d.guaranteeId,
          commitmentId: d.commitmentId,
          confidential: d.confidential,
          status: 'received',
          receivedAt: d.receivedAt,
          registeredAt: d.registeredAt,
          acknowledgeBy: d.acknowledgeBy,
          respondBy: d.respondBy,
        };
      }
      case 'CaseAcknowledged.v1':
        return {
          ...base,
          status: s.status === 'received' || s.status === 'transferred' ? 'acknowledged' : s.status,
          acknowledgedAt: s.acknowledgedAt ?? at,
        };
      case 'CaseAssigned.v1':
        return { ...base, status: 'in_progress', assignee: event.data.assignee };
      case 'CaseTransferred.v1':
        return { ...base, status: 'transferred', unitId: event.data.toUnitId, assignee: undefined };
      case 'ComplainantAsked.v1':
        return { ...base, status: 'awaiting_complainant', statusBefore: s.status, pausedSince: at };
      case 'CaseResumed.v1':
        return { ...base, ...returnTo(event.data.status), pausedSince: undefined, respondBy: event.data.respondBy };
      case 'CaseResponded.v1':
        return { ...base, status: 'responded', respondedAt: s.respondedAt ?? at, outcome: event.data.outcome ?? s.outcome };
      case 'DelayNoticeSent.v1':
        return { ...base, delayNotices: s.delayNotices + 1 };
      case 'CaseClosed.v1':
        return { ...base, status: 'closed', resolution: event.data.resolution, closedAt: at };
      case 'CaseReopened.v1':
        return { ...base, status: 'reopened', resolution: undefined, closedAt: undefined };
      case 'CaseMerged.v1':
        return {
          ...base,
          statusBefore: s.status,
          status: 'closed',
          resolution: 'duplicate',
          mergedInto: event.data.intoCaseId,
          closedAt: at,
        };
      case 'CaseUnmerged.v1':
        return { ...base, ...returnTo(event.data.status), resolution: undefined, mergedInto: undefined, closedAt: undefined };
      case 'CaseBreachLinked.v1':
        return { ...base, breachId: event.data.breachId };
      case 'PersonalDataErased.v1':
        return { ...base, erasedAt: at };
      case 'SubmitterRectified.v1':
        return { ...base, submitter: event.data.submitter };
      case 'CaseRecategorised.v1':
        return { ...base, category: event.data.category };
    }
  },

  decide(command, s) {
    if (command.type === 'RegisterCase') return registerWithReceipt(command, s);
    if (!s.exists) throw new NotFoundError('case', '(named)');
    if (command.type === 'AcknowledgeByReceipt') return acknowledgeByReceipt(command, s);
    if (command.type === 'RectifySubmitter') return [rectify(command, s)];
    if (command.type === 'RecategoriseCase') return recategorise(command, s);
    if (command.type === 'ResendMessage') return resend(command, s);
    if (command.type === 'ForwardResponse') return forward(command, s);
    // What the system records by itself is dated when it is recorded; only people's steps take business time.
    const at = command.type === 'LinkBreach' || command.type === 'ErasePersonalData' ? command.now.toISOString() : businessTime(command, s);
    const caseId = s.caseId!;
    const open = OPEN.includes(s.status!);
    const requireOpen = () => {
      if (!open) throw new RuleViolationError('case_closed', `case ${s.reference} is closed; reopen it first`);
    };
    switch (command.type) {
      case 'AcknowledgeCase':
        requireOpen();
        if (s.acknowledgedAt)
          throw new RuleViolationError('already_acknowledged', `case ${s.reference} was acknowledged on ${s.acknowledgedAt}`);
        // The receipt AUTO_RECEIPT queued at registration is not queued again by `auto`.
        if (s.messages.some((m) => m.kind === 'receipt') && (command.send ?? 'auto') === 'auto')
          return [{ type: 'CaseAcknowledged.v1', data: { caseId, at } }];
        return [{ type: 'CaseAcknowledged.v1', data: { caseId, at } }, ...queue(s, 'receipt', command, receiptText(s, command.message))];
      case 'AssignCase':
        requireOpen();
        if (s.status === 'awaiting_complainant')
          throw new RuleViolationError('awaiting_complainant', 'the case waits for the complainant; resume it first');
        return [{ type: 'CaseAssigned.v1', data: { caseId, at, assignee: command.assignee } }];
      case 'TransferCase':
        requireOpen();
        if (command.toUnitId === s.unitId) throw new RuleViolationError('same_unit', `the case already belongs to ${s.unitId}`);
        if (!command.toUnitOpen) throw new RuleViolationError('unit_closed', `unit ${command.toUnitId} is closed`);
        // The new unit takes the case over with its clock running: a pause for the complainant ends here.
        return [
          ...endPause(s, at),
          { type: 'CaseTransferred.v1', data: { caseId, at, fromUnitId: s.unitId!, toUnitId: command.toUnitId, reason: command.reason } },
        ];
      case 'AwaitComplainant':
        requireOpen();
        if (s.status === 'awaiting_complainant')
          throw new RuleViolationError('already_awaiting', 'the case already waits for the complainant');
        if (s.status === 'responded') throw new RuleViolationError('already_responded', 'the case has been responded to');
        return [
          { type: 'ComplainantAsked.v1', data: { caseId, at, question: command.question } },
          ...queue(s, 'question', command, command.question),
        ];
      case 'ResumeCase':
        requireOpen();
        if (s.status !== 'awaiting_complainant' && !s.pausedSince)
          throw new RuleViolationError('not_awaiting', 'the case is not waiting for the complainant');
        return endPause(s, at);
      case 'RespondCase': {
        requireOpen();
        if (s.status === 'awaiting_complainant')
          throw new RuleViolationError('awaiting_complainant', 'the case waits for the complainant; resume it first');
        if (s.type === 'complaint' && !command.outcome) {
          throw new InvalidInputError([
            {
              field: 'outcome',
              message: 'a response to a complaint must assess it: justified, partly_justified, unjustified or not_assessable',
            },
          ]);
        }
        const events: CaseEvent[] = [];
        if (!s.acknowledgedAt) events.push({ type: 'CaseAcknowledged.v1', data: { caseId, at } });
        events.push({
          type: 'CaseResponded.v1',
          data: { caseId, at, message: command.message, ...(command.outcome ? { outcome: command.outcome } : {}) },
        });
        events.push(...queue(s, 'response', command, command.message));
        return events;
      }
      case 'SendDelayNotice':
        requireOpen();
        if (s.respondedAt) throw new RuleViolationError('already_responded', 'the case has been responded to');
        if (command.newRespondBy && !isCalendarDate(command.newRespondBy)) {
          throw new InvalidInputError([{ field: 'newRespondBy', message: 'must be a calendar date YYYY-MM-DD' }]);
        }
        if (command.newRespondBy && command.newRespondBy < stockholmDate(at)) {
          throw new InvalidInputError([{ field: 'newRespondBy', message: 'cannot be before the notice' }]);
        }
        return [
          {
            type: 'DelayNoticeSent.v1',
            data: { caseId, at, reason: command.reason, ...(command.newRespondBy ? { newRespondBy: command.newRespondBy } : {}) },
          },
          ...queue(s, 'delay_notice', command, delayText(command.reason, command.newRespondBy)),
        ];
      case 'CloseCase':
        requireOpen();
        if (s.status === 'awaiting_complainant' && command.resolution !== 'withdrawn') {
          throw new RuleViolationError('awaiting_complainant', 'the case waits for the complainant; resume it first');
        }
        if (s.needsResponse && !s.respondedAt && command.resolution !== 'withdrawn') {
          throw new RuleViolationError('response_required', `case ${s.reference} needs a response before it is closed`);
        }
        return [
          ...endPause(s, at),
          { type: 'CaseClosed.v1', data: { caseId, at, resolution: command.resolution, ...(command.note ? { note: command.note } : {}) } },
        ];
      case 'ReopenCase':
        if (s.status !== 'closed' || s.mergedInto)
          throw new RuleViolationError(
            'not_closed',
            s.mergedInto ? 'a merged case is unmerged, not reopened' : 'only a closed case can be reopened',
          );
        return [{ type: 'CaseReopened.v1', data: { caseId, at, reason: command.reason } }];
      case 'MergeCase':
        if (s.mergedInto) throw new RuleViolationError('already_merged', `case ${s.reference} is already merged`);
        requireOpen();
        if (!command.into.exists) throw new NotFoundError('case', command.into.caseId);
        if (command.into.caseId === caseId) throw new RuleViolationError('merge_into_self', 'a case cannot be merged into itself');
        if (command.into.mergedInto)
          throw new RuleViolationError('target_merged', `case ${command.into.reference} is itself merged into another case`);
        return [
          ...endPause(s, at),
          { type: 'CaseMerged.v1', data: { caseId, at, intoCaseId: command.into.caseId, intoReference: command.into.reference } },
        ];
      case 'UnmergeCase':
        if (!s.mergedInto) throw new RuleViolationError('not_merged', `case ${s.reference} is not merged`);
        return [{ type: 'CaseUnmerged.v1', data: { caseId, at, fromCaseId: s.mergedInto, status: s.statusBefore ?? 'received' } }];
      case 'ErasePersonalData':
        if (s.erasedAt)
          throw new RuleViolationError('already_erased', `the personal data of case ${s.reference} was erased on ${s.erasedAt}`);
        return [{ type: 'PersonalDataErased.v1', data: { caseId, at, reason: command.reason, basis: command.basis } }];
      case 'LinkBreach':
        if (s.breachId === command.breachId) return [];
        return [{ type: 'CaseBreachLinked.v1', data: { caseId, at, breachId: command.breachId } }];
    }
  },
};

/**
 * Ends a pause for the complainant at `at`: the working days paused extend respondBy and the status before the pause returns.
 * Also frees streams left with a pause by transfers or closings recorded before those steps ended it.
 */
function endPause(s: CaseState, at: string): CaseResumed[] {
  const awaiting = s.status === 'awaiting_complainant';
  if (!awaiting && !s.pausedSince) return [];
  // A pause begun after respondBy stopped no clock: nothing to extend (pauseStopsResponseClock).
  const paused = pauseStopsResponseClock(s.pausedSince, s.respondBy!)
    ? workingDays.workingDaysBetween(stockholmDate(s.pausedSince!), stockholmDate(at))
    : 0;
  const respondBy = paused ? workingDays.deadline(s.respondBy!, paused).toISOString() : s.respondBy!;
  const status = awaiting ? (s.statusBefore ?? 'in_progress') : s.status!;
  return [{ type: 'CaseResumed.v1', data: { caseId: s.caseId!, at, pausedWorkingDays: paused, respondBy, status } }];
}

/** Lifecycle commands may be dated in the past, but not in the future and not before the previous step. */
function businessTime(command: At, s: CaseState): string {
  if (!command.at) return command.now.toISOString() < (s.lastAt ?? '') ? s.lastAt! : command.now.toISOString();
  const at = command.at.toISOString();
  if (command.at > command.now) throw new InvalidInputError([{ field: 'at', message: 'cannot be in the future' }]);
  if (s.lastAt && at < s.lastAt)
    throw new InvalidInputError([{ field: 'at', message: `cannot be before the previous step (${s.lastAt})` }]);
  return at;
}

/** A message's id: derived from the case and its place among the case's messages, so a retried decision names the same one. */
function messageIdFor(caseId: string, index: number): string {
  const h = createHash('sha256').update(`message-of-case:${caseId}:${index}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The message a step gives the submitter, queued with it (recorded now: it never moves the business clock). `auto`
 * picks e-mail, else a letter, else none; asking for a way the submitter left no details for is a 400 on `send`. A case
 * whose personal data was erased gets no message: there is nobody to send it to, and nothing personal may be recorded.
 */
function queue(s: CaseState, kind: MessageKind, command: Send & { now: Date }, text: string): MessageQueued[] {
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
function resend(c: { messageId: string; text: string; now: Date } & Send, s: CaseState): MessageQueued[] {
  const original = s.messages.find((m) => m.messageId === c.messageId);
  if (!original) throw new NotFoundError('message', `${c.messageId} of case ${s.reference}`);
  if (s.erasedAt)
    throw new RuleViolationError('personal_data_erased', `the personal data of case ${s.reference} was erased: there is nobody to send to`);
  const [again] = queue(s, original.kind, c, c.text);
  if (again.data.channel === 'none')
    throw new InvalidInputError([{ field: 'send', message: 'the submitter left no e-mail or postal address to send it to' }]);
  return [{ ...again, data: { ...again.data, resendOf: c.messageId } }];
}

/** A forwarded response's id: derived from the response and the duplicate, so a replay or a second delivery finds it. */
export function forwardedMessageId(messageId: string, duplicateCaseId: string): string {
  const h = createHash('sha256').update(`forward:${messageId}:${duplicateCaseId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The response of the case a duplicate was merged into goes to the duplicate's submitter too, sealed with the
 * duplicate's own key, once. A duplicate erased, unmerged, or whose submitter left no address gets none.
 */
function forward(
  c: { of: { caseId: string; reference: string; messageId: string }; text: string; now: Date },
  s: CaseState,
): MessageQueued[] {
  const messageId = forwardedMessageId(c.of.messageId, s.caseId!);
  if (s.erasedAt || s.mergedInto !== c.of.caseId || s.messages.some((m) => m.messageId === messageId)) return [];
  const [copy] = queue(s, 'response', { send: 'auto', now: c.now }, c.text);
  if (!copy || copy.data.channel === 'none') return [];
  return [{ ...copy, data: { ...copy.data, messageId, forwardOf: c.of } }];
}

/** The receipt's text: the one given, or the default naming the reference and, where one is due, the response's deadline. */
export function receiptText(s: Pick<CaseState, 'needsResponse' | 'respondBy' | 'reference'>, given?: string): string {
  if (given?.trim()) return given;
  const due = s.needsResponse ? ` Du får svar senast ${stockholmDate(s.respondBy!)}.` : '';
  return `Vi har tagit emot din synpunkt. Den är registrerad med diarienummer ${s.reference}.${due}`;
}

const delayText = (reason: string, newRespondBy?: string) => (newRespondBy ? `${reason}\n\nDu får svar senast ${newRespondBy}.` : reason);

const hasContact = (s?: Submitter) => !!(s?.email || s?.phone || s?.address);

/** GDPR art. 16: corrected contact details replace the old ones; a case that wants a reply keeps a way to reach its submitter. */
function rectify(c: { submitter: Submitter; now: Date }, s: CaseState): SubmitterRectified {
  if (s.erasedAt)
    throw new RuleViolationError('personal_data_erased', `the personal data of case ${s.reference} was erased on ${s.erasedAt}`);
  const submitter = Object.fromEntries(Object.entries(c.submitter).filter(([, v]) => typeof v === 'string' && v.trim())) as Submitter;
  if (!Object.keys(submitter).length) {
    throw new InvalidInputError([
      { field: 'submitter', message: 'give at least one corrected detail; to remove all of them, erase the personal data' },
    ]);
  }
  if (s.wantsReply && !hasContact(submitter)) {
    throw new InvalidInputError([{ field: 'submitter', message: 'the case awaits a reply: keep an e-mail, phone or address' }]);
  }
  return { type: 'SubmitterRectified.v1', data: { caseId: s.caseId!, at: c.now.toISOString(), submitter } };
}

/** A correction of how the case is counted, whatever its status: recorded when entered, it moves no business clock. */
function recategorise(c: { category: string; now: Date }, s: CaseState): CaseEvent[] {
  if (s.category === c.category) return [];
  const previous = s.category ? { previousCategory: s.category } : {};
  return [{ type: 'CaseRecategorised.v1', data: { caseId: s.caseId!, at: c.now.toISOString(), category: c.category, ...previous } }];
}

/** What a registration's own fields must satisfy, and what follows from them. */
export type RegistrationFields = Pick<RegistrationInput, 'caseType' | 'description' | 'submitter' | 'wantsReply' | 'receivedAt'>;

/**
 * The registration rules that need no state: the registration handler checks them before it takes a reference
 * number (a refused registration never uses one up), and `decide` checks them again. Throws the first rule broken.
 */
export function checkRegistration(c: RegistrationFields, now: Date) {
  const received = c.receivedAt ?? now;
  if (received > now) throw new InvalidInputError([{ field: 'receivedAt', message: 'cannot be in the future' }]);
  if (!c.description.trim()) throw new InvalidInputError([{ field: 'description', message: 'must not be blank' }]);
  const submitter = c.submitter && Object.values(c.submitter).some((v) => v) ? c.submitter : undefined;
  const wantsReply = c.wantsReply ?? hasContact(submitter);
  if (wantsReply && !hasContact(submitter)) {
    throw new InvalidInputError([{ field: 'wantsReply', message: 'a reply needs a way to reach the submitter: e-mail, phone or address' }]);
  }
  const needsResponse = wantsReply && (c.caseType === 'complaint' || c.caseType === 'opinion');
  return { received, submitter, wantsReply, needsResponse };
}

/** With AUTO_RECEIPT, a registration whose submitter left an e-mail address queues the receipt with it. */
function registerWithReceipt(c: RegistrationInput & { now: Date }, s: CaseState): CaseEvent[] {
  const registered = register(c, s);
  if (!c.autoReceipt || !registered.data.submitter?.email) return [registered];
  const after = caseDecider.evolve(s, registered);
  return [registered, ...queue(after, 'receipt', { send: 'email', now: c.now }, receiptText(after))];
}

/**
 * DOMAIN.md "Two clocks": the one thing the system does that counts as a step. A receipt the outbox sent acknowledges
 * the case at the instant the mail server accepted it; an acknowledged, closed or erased case is left as it is.
 */
function acknowledgeByReceipt(c: { sentAt: Date }, s: CaseState): CaseEvent[] {
  if (s.acknowledgedAt || !OPEN.includes(s.status!) || s.erasedAt) return [];
  return [{ type: 'CaseAcknowledged.v1', data: { caseId: s.caseId!, at: c.sentAt.toISOString() } }];
}

function register(c: RegistrationInput & { now: Date }, s: CaseState): CaseRegistered {
  if (s.exists) throw new RuleViolationError('case_exists', `case ${c.caseId} already exists`);
  const { received, submitter, wantsReply, needsResponse } = checkRegistration(c, c.now);
  return {
    type: 'CaseRegistered.v1',
    data: {
      caseId: c.caseId,
      reference: c.reference,
      type: c.caseType,
      channel: c.channel,
      unitId: c.unitId,
      ...(c.category ? { category: c.category } : {}),
      description: c.description,
      ...(submitter ? { submitter } : {}),
      wantsReply,
      needsResponse,
      ...(c.location ? { location: c.location } : {}),
      ...(c.guaranteeId ? { guaranteeId: c.guaranteeId, commitmentId: c.commitmentId } : {}),
      confidential: c.confidential ?? false,
      receivedAt: received.toISOString(),
      registeredAt: c.now.toISOString(),
      rules: c.rules,
      acknowledgeBy: workingDays.deadline(received, c.rules.acknowledgeWorkingDays).toISOString(),
      respondBy: workingDays.deadline(received, c.rules.respondWorkingDays).toISOString(),
    },
  };
}
