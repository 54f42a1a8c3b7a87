import { stockholmDate } from '@app/core';
import { PublicNote, renderNote, RESOLUTION_LABELS } from './public-history';
import { serviceCode, TYPE_LABELS } from './service-code';

/** Everything Open311 may show of a case. Built only from non-personal fields; confidential cases never become one. */
export interface PublicRequest {
  reference: string;
  unitId: string;
  type: keyof typeof TYPE_LABELS;
  status: string;
  resolution?: string;
  mergedIntoReference?: string;
  needsResponse: boolean;
  receivedAt: string;
  updatedAt: string;
  respondBy: string;
  /** Rounded to about 100 m, and only for a request filed through Open311 (see publicPosition). */
  lat?: number;
  long?: number;
  /** Personal data erased: the position is withheld too. */
  erased: boolean;
}

const STATUS_NOTES: Record<string, string> = {
  received: 'Mottagen, väntar på handläggning.',
  acknowledged: 'Mottagandet är bekräftat.',
  in_progress: 'Under handläggning.',
  transferred: 'Överlämnad till en annan enhet.',
  awaiting_complainant: 'Enheten väntar på komplettering från den som lämnade synpunkten.',
  responded: 'Besvarad.',
  reopened: 'Öppnad igen.',
};

export function statusNotes(r: Pick<PublicRequest, 'status' | 'resolution' | 'mergedIntoReference'>): string {
  if (r.status !== 'closed') return STATUS_NOTES[r.status] ?? r.status;
  if (r.resolution === 'duplicate') return `Dubblett: handläggs i ärende ${r.mergedIntoReference ?? 'ett annat ärende'}.`;
  return `Avslutad: ${RESOLUTION_LABELS[r.resolution ?? ''] ?? 'avslutad'}.`;
}

export function serviceNotice(r: Pick<PublicRequest, 'status' | 'needsResponse' | 'respondBy'>, unitName: string): string | null {
  if (r.status === 'closed') return null;
  return r.needsResponse
    ? `${unitName} svarar senast ${stockholmDate(r.respondBy)}.`
    : `${unitName} tar hand om synpunkten. Inget svar har begärts.`;
}

/**
 * A GeoReport v2 service request. `description`, `address` and `media_url` stay null: the free text, an address and
 * attached media are the submitter's personal data (sealed in the log, erasable), and these reads need no key.
 */
export function toOpen311Request(r: PublicRequest, notes: PublicNote[], unitName: (unitId: string) => string | undefined) {
  const agency = unitName(r.unitId) ?? r.unitId;
  const position = !r.erased && r.lat !== undefined && r.long !== undefined;
  return {
    service_request_id: r.reference,
    status: r.status === 'closed' ? 'closed' : 'open',
    status_notes: statusNotes(r),
    service_name: `${TYPE_LABELS[r.type]} – ${agency}`,
    service_code: serviceCode(r.unitId, r.type),
    description: null,
    agency_responsible: agency,
    service_notice: serviceNotice(r, agency),
    requested_datetime: r.receivedAt,
    updated_datetime: r.updatedAt,
    expected_datetime: r.respondBy,
    address: null,
    address_id: null,
    zipcode: null,
    lat: position ? r.lat! : null,
    long: position ? r.long! : null,
    media_url: null,
    notes: notes.map((n) => renderNote(n, unitName)),
  };
}

export type Open311Request = ReturnType<typeof toOpen311Request>;
