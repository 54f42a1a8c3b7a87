import { InvalidInputError, RuleViolationError, workingDays } from '@app/core';
import type { CaseRegistered, Submitter } from './case.events';
import type { CaseState, RegistrationInput } from './case.model';

/** Whether the submitter left any way to be reached (a case that wants a reply needs one). */
export const hasContact = (s?: Submitter) => !!(s?.email || s?.phone || s?.address);

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

/** The registration itself, once per case: its deadlines run from when the case was received. */
export function register(c: RegistrationInput & { now: Date }, s: CaseState): CaseRegistered {
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
