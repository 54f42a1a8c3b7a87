import { Decider, EventMetadata, NotFoundError } from '@app/core';
import { CASE_EVENT_KINDS, CaseEvent } from './case.events';
import { CaseCommand, CaseState, CaseStatus, RegistrationInput } from './case.model';
import { forward, queue, receiptText, resend } from './case-messages.decider';
import { recategorise, rectify } from './case-records.decider';
import { register } from './case-registration.decider';
import { acknowledgeByReceipt, decideStep } from './case-steps.decider';

// The case's rules are split by concern into the case-*.decider.ts files; this decider composes them and folds the state.
export type { Actor, CaseCommand, CaseState, CaseStatus, RegistrationInput } from './case.model';
export { checkRegistration, type RegistrationFields } from './case-registration.decider';
export { forwardedMessageId, receiptText } from './case-messages.decider';

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
        return { ...base, delayNotices: s.delayNotices + 1, lastDelayNotice: { at, newRespondBy: event.data.newRespondBy } };
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
    return decideStep(command, s);
  },
};

/** With AUTO_RECEIPT, a registration whose submitter left an e-mail address queues the receipt with it. */
function registerWithReceipt(c: RegistrationInput & { now: Date }, s: CaseState): CaseEvent[] {
  const registered = register(c, s);
  if (!c.autoReceipt || !registered.data.submitter?.email) return [registered];
  const after = caseDecider.evolve(s, registered);
  return [registered, ...queue(after, 'receipt', { send: 'email', now: c.now }, receiptText(after))];
}
