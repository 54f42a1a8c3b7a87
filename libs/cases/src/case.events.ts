export const CASE_TYPES = ['complaint', 'opinion', 'praise', 'idea'] as const;
export const CHANNELS = ['web', 'phone', 'email', 'letter', 'visit', 'meeting', 'open311'] as const;
export const OUTCOMES = ['justified', 'partly_justified', 'unjustified', 'not_assessable'] as const;
export const RESOLUTIONS = ['resolved', 'closed_not_resolved', 'withdrawn'] as const;

/** Messages to the submitter (DOMAIN.md "Messages to the submitter"): what, by which way, and how a step asks for it. */
export const MESSAGE_KINDS = ['receipt', 'question', 'delay_notice', 'response'] as const;
export const MESSAGE_CHANNELS = ['email', 'letter', 'none'] as const;
export const SEND_OPTIONS = ['auto', ...MESSAGE_CHANNELS] as const;

export type CaseType = (typeof CASE_TYPES)[number];
export type Channel = (typeof CHANNELS)[number];
export type Outcome = (typeof OUTCOMES)[number];
export type Resolution = (typeof RESOLUTIONS)[number] | 'duplicate';
export type MessageKind = (typeof MESSAGE_KINDS)[number];
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];
/** `auto`: e-mail if the submitter left an address, else a letter if they left a postal address, else none. */
export type SendOption = (typeof SEND_OPTIONS)[number];

/** Personal data: encrypted in the log with the case's own key (see cases.personal-data.ts). */
export interface Submitter {
  name?: string;
  email?: string;
  phone?: string;
  address?: string;
}

export interface Location {
  address?: string;
  lat?: number;
  long?: number;
}

export type CaseRegistered = {
  type: 'CaseRegistered.v1';
  data: {
    caseId: string;
    reference: string;
    type: CaseType;
    channel: Channel;
    unitId: string;
    category?: string;
    description: string;
    submitter?: Submitter;
    wantsReply: boolean;
    needsResponse: boolean;
    location?: Location;
    guaranteeId?: string;
    commitmentId?: string;
    confidential: boolean;
    receivedAt: string;
    registeredAt: string;
    /** The deadline rules in force at receipt; they stay with the case. */
    rules: { acknowledgeWorkingDays: number; respondWorkingDays: number };
    acknowledgeBy: string;
    respondBy: string;
  };
};
type Step<T extends string, D = object> = { type: T; data: { caseId: string; at: string } & D };
export type CaseAcknowledged = Step<'CaseAcknowledged.v1'>;
export type CaseAssigned = Step<'CaseAssigned.v1', { assignee: string }>;
export type CaseTransferred = Step<'CaseTransferred.v1', { fromUnitId: string; toUnitId: string; reason: string }>;
export type ComplainantAsked = Step<'ComplainantAsked.v1', { question: string }>;
export type CaseResumed = Step<'CaseResumed.v1', { pausedWorkingDays: number; respondBy: string; status: string }>;
export type CaseResponded = Step<'CaseResponded.v1', { message: string; outcome?: Outcome }>;
export type DelayNoticeSent = Step<'DelayNoticeSent.v1', { reason: string; newRespondBy?: string }>;
export type CaseClosed = Step<'CaseClosed.v1', { resolution: Exclude<Resolution, 'duplicate'>; note?: string }>;
export type CaseReopened = Step<'CaseReopened.v1', { reason: string }>;
export type CaseMerged = Step<'CaseMerged.v1', { intoCaseId: string; intoReference: string }>;
export type CaseUnmerged = Step<'CaseUnmerged.v1', { fromCaseId: string; status: string }>;
export type CaseBreachLinked = Step<'CaseBreachLinked.v1', { breachId: string }>;
export type PersonalDataErased = Step<'PersonalDataErased.v1', { reason: string; basis: 'request' | 'gallring' }>;
/** GDPR art. 16: the submitter's contact details corrected. Recorded when entered; `at` is that record time. */
export type SubmitterRectified = Step<'SubmitterRectified.v1', { submitter: Submitter }>;
/** A manager put the case under another category of the list. Recorded when entered; `at` is that record time. */
export type CaseRecategorised = Step<'CaseRecategorised.v1', { category: string; previousCategory?: string }>;

/**
 * A message to the submitter, queued with the step that gives it (acknowledge, await-complainant, delay-notice,
 * respond). Its text and recipient are personal data, sealed with the case's key; its delivery is recorded on the
 * case's messages stream (messages/delivery.events.ts), so a delivery never changes the case's revision.
 */
export type MessageQueued = Step<
  'MessageQueued.v1',
  {
    messageId: string;
    kind: MessageKind;
    channel: MessageChannel;
    reference: string;
    confidential: boolean;
    /** The e-mail address (email), or the name and postal address (letter); none for `none`. */
    recipient?: string;
    text: string;
    /** Sent again (after the submitter's contact details were corrected): the message it repeats. */
    resendOf?: string;
    /** The response of the case this duplicate was merged into, sent to this case's submitter too. */
    forwardOf?: { caseId: string; reference: string; messageId: string };
  }
>;

export type CaseEvent =
  | CaseRegistered
  | CaseAcknowledged
  | CaseAssigned
  | CaseTransferred
  | ComplainantAsked
  | CaseResumed
  | CaseResponded
  | DelayNoticeSent
  | CaseClosed
  | CaseReopened
  | CaseMerged
  | CaseUnmerged
  | CaseBreachLinked
  | PersonalDataErased
  | SubmitterRectified
  | CaseRecategorised
  | MessageQueued;

/**
 * A `step` is something people do in handling the case: its `at` is business time and later steps may not be dated
 * before it. A `record` is what is recorded about the case besides its handling — by the system (the breach link, an
 * erasure) or as a correction: its `at` is its record time, it shows in the history, and it never raises that floor.
 */
export type CaseEventKind = 'step' | 'record';

/** Every case event's kind; the compiler refuses an event type missing here. */
export const CASE_EVENT_KINDS: { readonly [T in CaseEvent['type']]: CaseEventKind } = {
  'CaseRegistered.v1': 'step',
  'CaseAcknowledged.v1': 'step',
  'CaseAssigned.v1': 'step',
  'CaseTransferred.v1': 'step',
  'ComplainantAsked.v1': 'step',
  'CaseResumed.v1': 'step',
  'CaseResponded.v1': 'step',
  'DelayNoticeSent.v1': 'step',
  'CaseClosed.v1': 'step',
  'CaseReopened.v1': 'step',
  'CaseMerged.v1': 'step',
  'CaseUnmerged.v1': 'step',
  'CaseBreachLinked.v1': 'record',
  'PersonalDataErased.v1': 'record',
  'SubmitterRectified.v1': 'record',
  'CaseRecategorised.v1': 'record',
  'MessageQueued.v1': 'record',
};

export const CASE_CATEGORY = 'case';
export const caseStream = (caseId: string) => `${CASE_CATEGORY}-${caseId}`;
