import type { CaseEvent, DeliveryEvent } from '@app/cases';
import { stockholmDate } from '@app/core';

/** What of a case's history is public: steps and dates, never the texts exchanged, who handled it or why it was erased. */
export type NoteKind =
  | 'received'
  | 'acknowledged'
  | 'in_progress'
  | 'transferred'
  | 'awaiting'
  | 'resumed'
  | 'responded'
  | 'response_sent'
  | 'delay_notice'
  | 'closed'
  | 'reopened'
  | 'merged'
  | 'unmerged';

export interface PublicNote {
  at: string;
  kind: NoteKind;
  /** A unit id (transferred), a reference (merged), a resolution (closed), a date (delay notice) or a channel (response sent). */
  detail?: string;
}

/**
 * Picks the public facts from one case event, or one delivery of the case's messages, field by field; anything not
 * named here never leaves. Of the messages only this: that the response was sent (by e-mail) or printed (a letter).
 */
export function noteOf(event: { type: string; data: unknown }): PublicNote | undefined {
  const d = event as DeliveryEvent;
  if ((d.type === 'MessageSent.v1' || d.type === 'MessagePrinted.v1') && d.data.kind === 'response')
    return { at: d.data.at, kind: 'response_sent', detail: d.type === 'MessageSent.v1' ? 'email' : 'letter' };
  const e = event as CaseEvent; // a case stream's event (upcast by the store); any other type has no note
  if (e.type === 'CaseRegistered.v1') return { at: e.data.receivedAt, kind: 'received' };
  const note = (kind: NoteKind, detail?: string): PublicNote => ({ at: e.data.at, kind, ...(detail !== undefined ? { detail } : {}) });
  switch (e.type) {
    case 'CaseAcknowledged.v1':
      return note('acknowledged');
    case 'CaseAssigned.v1':
      return note('in_progress');
    case 'CaseTransferred.v1':
      return note('transferred', e.data.toUnitId);
    case 'ComplainantAsked.v1':
      return note('awaiting');
    case 'CaseResumed.v1':
      return note('resumed');
    case 'CaseResponded.v1':
      return note('responded');
    case 'DelayNoticeSent.v1':
      return note('delay_notice', e.data.newRespondBy);
    case 'CaseClosed.v1':
      return note('closed', e.data.resolution);
    case 'CaseReopened.v1':
      return note('reopened');
    case 'CaseMerged.v1':
      return note('merged', e.data.intoReference);
    case 'CaseUnmerged.v1':
      return note('unmerged');
    default:
      return undefined;
  }
}

export const RESOLUTION_LABELS: Record<string, string> = {
  resolved: 'åtgärdat',
  closed_not_resolved: 'avslutat utan åtgärd',
  withdrawn: 'återtaget',
  duplicate: 'dubblett',
};

const SUMMARIES: Record<NoteKind, string> = {
  received: 'Synpunkten har tagits emot',
  acknowledged: 'Mottagandet har bekräftats',
  in_progress: 'Handläggning har påbörjats',
  transferred: 'Ärendet har överlämnats',
  awaiting: 'Enheten väntar på komplettering',
  resumed: 'Handläggningen har återupptagits',
  responded: 'Ärendet har besvarats',
  response_sent: 'Svar har skickats',
  delay_notice: 'Besked om försening har skickats',
  closed: 'Ärendet har avslutats',
  reopened: 'Ärendet har öppnats igen',
  merged: 'Ärendet har slagits ihop med ett annat',
  unmerged: 'Ärendet handläggs åter för sig',
};

/** The `notes` extension entry: `{datetime, type, summary, description?}` (type opened, activity or closed). */
export function renderNote(note: PublicNote, unitName: (unitId: string) => string | undefined) {
  const description =
    note.kind === 'transferred' && note.detail
      ? `Ansvarig enhet: ${unitName(note.detail) ?? note.detail}`
      : note.kind === 'merged' && note.detail
        ? `Handläggs i ärende ${note.detail}`
        : note.kind === 'closed' && note.detail
          ? `Avslutat: ${RESOLUTION_LABELS[note.detail] ?? note.detail}`
          : note.kind === 'delay_notice' && note.detail
            ? `Nytt svarsdatum: ${note.detail}`
            : note.kind === 'response_sent'
              ? note.detail === 'letter'
                ? 'Med brev'
                : 'Med e-post'
              : undefined;
  return {
    datetime: note.at,
    type: note.kind === 'received' ? 'opened' : note.kind === 'closed' || note.kind === 'merged' ? 'closed' : 'activity',
    summary: SUMMARIES[note.kind],
    ...(description ? { description } : {}),
  };
}

export const dateOf = (instant: string) => stockholmDate(instant);
