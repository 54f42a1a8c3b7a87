import { dataOf, PersonalDataRule } from '@app/event-store';

type Event = Parameters<PersonalDataRule['subject']>[0];
const byBreach = (e: Event) => dataOf(e).breachId as string | undefined;
const breachFields = (...fields: string[]): PersonalDataRule => ({ subject: byBreach, fields });

/**
 * Breach texts are sealed. A breach raised from a case may quote the complainant, so its description goes with that
 * case's key (and with the case's erasure); what staff write on the breach and its rättelse (notes, reasons,
 * actions, the responsible person, outcomes) uses the breach's own key, so erasing a case leaves the rättelse whole.
 */
export const breachPersonalData: Record<string, PersonalDataRule> = {
  'BreachReported.v1': { subject: (e) => (dataOf(e).caseId as string | undefined) ?? byBreach(e), fields: ['description'] },
  'BreachConfirmed.v1': breachFields('note'),
  'BreachRejected.v1': breachFields('reason'),
  'RemedyPlanned.v1': breachFields('action', 'responsible'),
  'RemedyCompleted.v1': breachFields('outcome'),
};
