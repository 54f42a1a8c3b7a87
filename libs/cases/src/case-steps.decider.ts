import {
  InvalidInputError,
  isCalendarDate,
  NotFoundError,
  pauseStopsResponseClock,
  RuleViolationError,
  stockholmDate,
  workingDays,
} from '@app/core';
import type { CaseEvent, CaseResumed } from './case.events';
import { At, CaseCommand, CaseState, isOpen } from './case.model';
import { delayText, queue, receiptText } from './case-messages.decider';

/** The steps of the handling: what people do to a case, dated in business time (DOMAIN.md "Two clocks"). */
export type StepCommand = Exclude<
  CaseCommand,
  { type: 'RegisterCase' | 'AcknowledgeByReceipt' | 'RectifySubmitter' | 'RecategoriseCase' | 'ResendMessage' | 'ForwardResponse' }
>;

/** A step on an existing case: the rules of the status it is in, and the message to the submitter it queues. */
export function decideStep(command: StepCommand, s: CaseState): CaseEvent[] {
  // What the system records by itself is dated when it is recorded; only people's steps take business time.
  const at = command.type === 'LinkBreach' || command.type === 'ErasePersonalData' ? command.now.toISOString() : businessTime(command, s);
  const caseId = s.caseId!;
  const open = isOpen(s);
  const requireOpen = () => {
    if (!open) throw new RuleViolationError('case_closed', `case ${s.reference} is closed; reopen it first`);
  };
  switch (command.type) {
    case 'AcknowledgeCase':
      requireOpen();
      if (s.acknowledgedAt)
        throw new RuleViolationError('already_acknowledged', `case ${s.reference} was acknowledged on ${s.acknowledgedAt}`);
      // A receipt queued before (AUTO_RECEIPT's at registration) is not queued again by `auto` — unless its delivery
      // finally failed (say, a mistyped address since rectified): then the submitter never got one.
      if (
        (command.send ?? 'auto') === 'auto' &&
        s.messages.some((m) => m.kind === 'receipt' && !command.failedMessageIds?.includes(m.messageId))
      )
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
}

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

/**
 * DOMAIN.md "Two clocks": the one thing the system does that counts as a step. A receipt the outbox sent acknowledges
 * the case at the instant the mail server accepted it; an acknowledged, closed or erased case is left as it is.
 */
export function acknowledgeByReceipt(c: { sentAt: Date }, s: CaseState): CaseEvent[] {
  if (s.acknowledgedAt || !isOpen(s) || s.erasedAt) return [];
  return [{ type: 'CaseAcknowledged.v1', data: { caseId: s.caseId!, at: c.sentAt.toISOString() } }];
}
