import { dataOf, PersonalDataRule } from '@app/event-store';

const byCase = (e: Parameters<PersonalDataRule['subject']>[0]) => dataOf(e).caseId as string | undefined;

/**
 * The personal data in case events, sealed with the case's own key: the submitter, the free text,
 * an address, and the messages exchanged with the submitter. Erasing the case destroys the key.
 */
export const casePersonalData: Record<string, PersonalDataRule> = {
  'CaseRegistered.v1': { subject: byCase, fields: ['description', 'submitter', 'location.address'] },
  'ComplainantAsked.v1': { subject: byCase, fields: ['question'] },
  'CaseResponded.v1': { subject: byCase, fields: ['message'] },
};
