import type { CaseType, Channel, Location, MessageChannel, MessageKind, Outcome, Resolution, SendOption, Submitter } from './case.events';

// The case decider's state and commands, shared by the parts it is composed of (case.decider.ts).

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
  /** The latest delay notice (FL 11 §): its business time and the date it named, if any. */
  lastDelayNotice?: { at: string; newRespondBy?: string };
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

export type At = { at?: Date; now: Date };
/** How a step's message to the submitter goes (default `auto`). */
export type Send = { send?: SendOption };
export type CaseCommand =
  | ({ type: 'RegisterCase' } & RegistrationInput & { now: Date })
  /**
   * `message`: the receipt's text, instead of the default one. `failedMessageIds`: the case's messages whose delivery
   * finally failed (from the messages stream, which the case decider does not read), so `auto` can tell a receipt that
   * went or may still go from one that never will.
   */
  | ({ type: 'AcknowledgeCase'; message?: string; failedMessageIds?: string[] } & At & Send)
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
  /**
   * The response of the case this one was merged into, for this case's submitter (see forwardedMessageId);
   * `confidential`: whether the response itself was queued as confidential.
   */
  | {
      type: 'ForwardResponse';
      of: { caseId: string; reference: string; messageId: string };
      text: string;
      confidential?: boolean;
      now: Date;
    };

const OPEN: CaseStatus[] = ['received', 'acknowledged', 'in_progress', 'transferred', 'awaiting_complainant', 'responded', 'reopened'];
/** Whether the case is still being handled (not closed, nor merged: a merge closes it). */
export const isOpen = (s: Pick<CaseState, 'status'>) => OPEN.includes(s.status!);
