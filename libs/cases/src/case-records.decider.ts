import { InvalidInputError, RuleViolationError } from '@app/core';
import type { CaseEvent, Submitter, SubmitterRectified } from './case.events';
import type { CaseState } from './case.model';
import { hasContact } from './case-registration.decider';

/** GDPR art. 16: corrected contact details replace the old ones; a case that wants a reply keeps a way to reach its submitter. */
export function rectify(c: { submitter: Submitter; now: Date }, s: CaseState): SubmitterRectified {
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
export function recategorise(c: { category: string; now: Date }, s: CaseState): CaseEvent[] {
  if (s.category === c.category) return [];
  const previous = s.category ? { previousCategory: s.category } : {};
  return [{ type: 'CaseRecategorised.v1', data: { caseId: s.caseId!, at: c.now.toISOString(), category: c.category, ...previous } }];
}
