import { CaseType } from '@app/cases';
import { serviceCode } from '../service-code';

export const WANTS_REPLY = 'wants_reply';
export const GUARANTEE_COMMITMENT = 'guarantee_commitment';

export interface CommitmentOption {
  id: string;
  text: string;
}

/** The service definition: optional attributes only, so a client that sends none still files a valid request. */
export function serviceDefinition(unitId: string, type: CaseType, commitments: CommitmentOption[]) {
  const attributes = [];
  if (type === 'complaint' || type === 'opinion') {
    attributes.push({
      variable: true,
      code: WANTS_REPLY,
      datatype: 'singlevaluelist',
      required: false,
      datatype_description: 'Ett svar kräver e-postadress eller telefonnummer. Utan val: ja om kontaktuppgift finns.',
      order: 1,
      description: 'Vill du ha svar?',
      values: [
        { key: 'true', name: 'Ja' },
        { key: 'false', name: 'Nej' },
      ],
    });
  }
  if (type === 'complaint' && commitments.length) {
    attributes.push({
      variable: true,
      code: GUARANTEE_COMMITMENT,
      datatype: 'singlevaluelist',
      required: false,
      datatype_description: 'Ett åtagande i enhetens kvalitetsgaranti som gäller i år.',
      order: 2,
      description: 'Vilket åtagande i kvalitetsgarantin hölls inte?',
      values: commitments.map((c) => ({ key: c.id, name: c.text })),
    });
  }
  return { service_code: serviceCode(unitId, type), attributes };
}
