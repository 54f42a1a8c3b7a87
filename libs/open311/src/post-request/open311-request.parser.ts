import { CaseType } from '@app/cases';
import { guaranteeIdFor } from '@app/guarantees';
import { Open311Error } from '../open311-error';
import { parseServiceCode } from '../service-code';
import { GUARANTEE_COMMITMENT, WANTS_REPLY } from '../service-definition/service-definition';

/** The body of POST /open311/v2/requests.json as the case command wants it (channel open311). */
export interface ParsedOpen311Request {
  unitId: string;
  caseType: CaseType;
  request: {
    type: CaseType;
    channel: 'open311';
    unitId: string;
    description?: string;
    submitter?: { name?: string; email?: string; phone?: string };
    wantsReply?: boolean;
    location?: { address?: string; lat?: number; long?: number };
    guaranteeId?: string;
    commitmentId?: string;
  };
}

/** Open311 "optional": an empty parameter is the same as an absent one. */
function text(body: Record<string, unknown>, name: string, errors: string[]): string | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v !== 'string') {
    errors.push(`${name}: must be given once, as text`);
    return undefined;
  }
  return v.trim() === '' ? undefined : v.trim();
}

function coordinate(body: Record<string, unknown>, name: 'lat' | 'long', errors: string[]): number | undefined {
  const v = text(body, name, errors);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) errors.push(`${name}: must be a number (WGS84 degrees)`);
  return n;
}

/** Checks what Open311 itself defines; the case's own rules (lengths, e-mail, phone, reply) are checked by the case command. */
export function parseOpen311Request(body: Record<string, unknown>, year: number): ParsedOpen311Request {
  const errors: string[] = [];
  const code = text(body, 'service_code', errors);
  if (code === undefined && !errors.length) throw Open311Error.missing('service_code');
  const service = parseServiceCode(code);
  if (code !== undefined && !service) throw Open311Error.notFound(`service_code ${code}`);

  const lat = coordinate(body, 'lat', errors);
  const long = coordinate(body, 'long', errors);
  if ((lat === undefined) !== (long === undefined)) errors.push('lat/long: both must be given, or neither');
  const addressString = text(body, 'address_string', errors);
  const addressId = text(body, 'address_id', errors);
  const address = addressString ?? (addressId ? `adress-id ${addressId}` : undefined);

  const name = [text(body, 'first_name', errors), text(body, 'last_name', errors)].filter(Boolean).join(' ');
  const email = text(body, 'email', errors);
  const phone = text(body, 'phone', errors);
  const mediaUrl = text(body, 'media_url', errors);
  if (mediaUrl && !/^https?:\/\/\S+$/i.test(mediaUrl)) errors.push('media_url: must be an http(s) URL');
  const description = text(body, 'description', errors);

  const attributes = body.attribute && typeof body.attribute === 'object' ? (body.attribute as Record<string, unknown>) : {};
  const wantsReplyText = text(attributes, WANTS_REPLY, errors);
  if (wantsReplyText !== undefined && wantsReplyText !== 'true' && wantsReplyText !== 'false') {
    errors.push(`attribute[${WANTS_REPLY}]: must be true or false`);
  }
  const commitmentId = text(attributes, GUARANTEE_COMMITMENT, errors);
  if (errors.length) throw Open311Error.invalid(errors);

  const { unitId, type } = service!;
  const submitter =
    name || email || phone ? { ...(name ? { name } : {}), ...(email ? { email } : {}), ...(phone ? { phone } : {}) } : undefined;
  const location =
    lat !== undefined || address ? { ...(address ? { address } : {}), ...(lat !== undefined ? { lat, long } : {}) } : undefined;
  return {
    unitId,
    caseType: type,
    request: {
      type,
      channel: 'open311',
      unitId,
      // The media URL travels in the description: it is the submitter's material and is sealed and erased with it.
      ...(description || mediaUrl ? { description: [description, mediaUrl && `Bild: ${mediaUrl}`].filter(Boolean).join('\n\n') } : {}),
      ...(submitter ? { submitter } : {}),
      ...(wantsReplyText !== undefined ? { wantsReply: wantsReplyText === 'true' } : {}),
      ...(location ? { location } : {}),
      ...(commitmentId ? { guaranteeId: guaranteeIdFor(unitId, year), commitmentId } : {}),
    },
  };
}
