import { dataOf, PersonalDataRule } from '@app/event-store';

const byCase = (e: Parameters<PersonalDataRule['subject']>[0]) => dataOf(e).caseId as string | undefined;
const caseFields = (...fields: string[]): PersonalDataRule => ({ subject: byCase, fields });

/**
 * The personal data in case events, sealed with the case's own key: everything the submitter or staff wrote or said
 * about the case, the submitter's contact details and the place (address and coordinates). Erasing the case
 * destroys the key. What statistics need (ids, dates, types, statuses, units, categories, outcomes) stays outside the
 * seal, and so does an erasure's reason: an administrative note that must hold no personal data.
 */
export const casePersonalData: Record<string, PersonalDataRule> = {
  'CaseRegistered.v1': caseFields('description', 'submitter', 'location'),
  'SubmitterRectified.v1': caseFields('submitter'),
  'CaseTransferred.v1': caseFields('reason'),
  'ComplainantAsked.v1': caseFields('question'),
  'CaseResponded.v1': caseFields('message'),
  'DelayNoticeSent.v1': caseFields('reason'),
  'CaseClosed.v1': caseFields('note'),
  'CaseReopened.v1': caseFields('reason'),
  'MessageQueued.v1': caseFields('text', 'recipient'),
  // On the case's messages stream: a failure's reason may quote the address.
  'MessageFailed.v1': caseFields('error'),
};
