import { CaseType } from '@app/cases';
import { SqlFilter } from '@app/platform';
import { Open311Error } from '../open311-error';
import { parseServiceCode } from '../service-code';

export const MAX_REQUESTS = 1000;
export const MAX_WINDOW_DAYS = 90;
const DAY_MS = 24 * 3600 * 1000;
const W3_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const REFERENCE = /^\d{4}-\d{6}$/;

export type RequestsQuery =
  | { ids: string[] }
  | { start: string; end: string; services?: { unitId: string; type: CaseType }[]; statuses?: ('open' | 'closed')[] };

/** Comma-delimited and/or repeated parameters; empty means absent (Open311 "optional"). */
function list(q: Record<string, unknown>, name: string): string[] | undefined {
  const raw = q[name];
  if (raw === undefined || raw === null) return undefined;
  const values = (Array.isArray(raw) ? raw : [raw]).flatMap((v) => (typeof v === 'string' ? v.split(',') : [`${JSON.stringify(v)}`]));
  const items = values.map((v) => v.trim()).filter(Boolean);
  return items.length ? items : undefined;
}

function instant(q: Record<string, unknown>, name: string, errors: string[]): number | undefined {
  const [value, ...more] = list(q, name) ?? [];
  if (value === undefined) return undefined;
  if (more.length || !W3_DATETIME.test(value) || Number.isNaN(Date.parse(value))) {
    errors.push(`${name}: must be one w3 datetime with a time zone, e.g. 2026-01-01T00:00:00Z`);
    return undefined;
  }
  return Date.parse(value);
}

/**
 * GET requests.json arguments: service_request_id overrides all others; otherwise requested_datetime lies in
 * [start_date, end_date], a window of at most 90 days that defaults to the last 90 days.
 */
export function parseRequestsQuery(q: Record<string, unknown>, now: Date): RequestsQuery {
  const errors: string[] = [];
  const ids = list(q, 'service_request_id');
  if (ids) {
    const bad = ids.filter((id) => !REFERENCE.test(id));
    if (bad.length) throw Open311Error.invalid([`service_request_id: ${bad.join(', ')} is not a reference such as 2026-000042`]);
    if (ids.length > MAX_REQUESTS) throw Open311Error.invalid([`service_request_id: at most ${MAX_REQUESTS} ids at once`]);
    return { ids: [...new Set(ids)] };
  }
  const codes = list(q, 'service_code');
  const services = codes?.map((code) => {
    const service = parseServiceCode(code);
    if (!service) errors.push(`service_code: ${code} is not a service code such as enhet.complaint`);
    return service!;
  });
  const statuses = list(q, 'status');
  for (const s of statuses ?? []) if (s !== 'open' && s !== 'closed') errors.push(`status: ${s} is neither open nor closed`);
  let start = instant(q, 'start_date', errors);
  let end = instant(q, 'end_date', errors);
  if (errors.length) throw Open311Error.invalid(errors);
  const window = MAX_WINDOW_DAYS * DAY_MS;
  if (start === undefined && end === undefined) end = now.getTime();
  if (start === undefined) start = end! - window;
  if (end === undefined) end = start + window;
  if (end < start) throw Open311Error.invalid(['end_date: must not be before start_date']);
  if (end - start > window) throw Open311Error.invalid([`start_date/end_date: the range may not span more than ${MAX_WINDOW_DAYS} days`]);
  return {
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
    ...(services ? { services } : {}),
    ...(statuses ? { statuses: [...new Set(statuses)] as ('open' | 'closed')[] } : {}),
  };
}

/** The WHERE clause over open311_requests (received_at is stored as an ISO instant in UTC, so text order is time order). */
export function requestsFilter(query: RequestsQuery): SqlFilter {
  const f = new SqlFilter();
  if ('ids' in query) return f.in('reference', query.ids);
  f.add('received_at >= ?', [query.start]).add('received_at <= ?', [query.end]);
  if (query.services)
    f.add(
      `(${query.services.map(() => '(unit_id = ? AND type = ?)').join(' OR ')})`,
      query.services.flatMap((s) => [s.unitId, s.type]),
    );
  const statuses = query.statuses ?? [];
  if (statuses.length === 1) f.add(statuses[0] === 'closed' ? "status = 'closed'" : "status <> 'closed'");
  return f;
}
