import { Open311Error } from '../open311-error';
import { parseRequestsQuery, requestsFilter } from './requests-query';

const now = new Date('2026-03-02T09:00:00Z');
const fails = (q: Record<string, unknown>) => {
  try {
    parseRequestsQuery(q, now);
  } catch (err) {
    expect(err).toBeInstanceOf(Open311Error);
    return (err as Open311Error).descriptions;
  }
  throw new Error('expected an Open311Error');
};

describe('GET requests.json arguments', () => {
  it('defaults to the last 90 days', () => {
    expect(parseRequestsQuery({}, now)).toEqual({ start: '2025-12-02T09:00:00.000Z', end: '2026-03-02T09:00:00.000Z' });
    expect(parseRequestsQuery({ status: '', service_code: '' }, now)).toEqual(parseRequestsQuery({}, now));
  });

  it('completes a one-sided range to 90 days and allows exactly 90', () => {
    expect(parseRequestsQuery({ start_date: '2026-01-01T00:00:00Z' }, now)).toMatchObject({
      start: '2026-01-01T00:00:00.000Z',
      end: '2026-04-01T00:00:00.000Z',
    });
    expect(parseRequestsQuery({ end_date: '2026-01-01T01:00:00+01:00' }, now)).toMatchObject({
      start: '2025-10-03T00:00:00.000Z',
      end: '2026-01-01T00:00:00.000Z',
    });
    expect(() => parseRequestsQuery({ start_date: '2026-01-01T00:00:00Z', end_date: '2026-04-01T00:00:00Z' }, now)).not.toThrow();
  });

  it('refuses more than 90 days, a reversed range and dates without a time zone', () => {
    expect(fails({ start_date: '2026-01-01T00:00:00Z', end_date: '2026-04-01T00:00:01Z' })[0]).toMatch(/90 days/);
    expect(fails({ start_date: '2026-02-01T00:00:00Z', end_date: '2026-01-01T00:00:00Z' })[0]).toMatch(/^end_date/);
    expect(fails({ start_date: '2026-01-01T00:00:00', end_date: '2026-01-02' })).toHaveLength(2);
  });

  it('reads comma-delimited and repeated lists, and checks every item', () => {
    expect(parseRequestsQuery({ service_code: ['hgb.complaint,vby.idea', 'hgb.praise'], status: 'open,closed' }, now)).toMatchObject({
      services: [
        { unitId: 'hgb', type: 'complaint' },
        { unitId: 'vby', type: 'idea' },
        { unitId: 'hgb', type: 'praise' },
      ],
      statuses: ['open', 'closed'],
    });
    expect(fails({ service_code: 'hgb.complaint,001', status: 'pending' })).toHaveLength(2);
  });

  it('lets service_request_id override everything else', () => {
    expect(parseRequestsQuery({ service_request_id: '2026-000001, 2026-000002,2026-000001', start_date: 'nonsense' }, now)).toEqual({
      ids: ['2026-000001', '2026-000002'],
    });
    expect(fails({ service_request_id: '2026-1' })[0]).toMatch(/^service_request_id/);
    expect(
      fails({ service_request_id: Array.from({ length: 1001 }, (_, i) => `2026-${String(i + 1).padStart(6, '0')}`).join(',') })[0],
    ).toMatch(/1000/);
  });

  it('builds a parameterised filter', () => {
    const f = requestsFilter(parseRequestsQuery({ service_code: 'hgb.idea', status: 'closed' }, now));
    expect(f.where).toBe("WHERE received_at >= ? AND received_at <= ? AND ((unit_id = ? AND type = ?)) AND status = 'closed'");
    expect(f.params).toEqual(['2025-12-02T09:00:00.000Z', '2026-03-02T09:00:00.000Z', 'hgb', 'idea']);
    expect(requestsFilter({ ids: ['2026-000001'] }).where).toBe('WHERE reference IN (?)');
    expect(requestsFilter(parseRequestsQuery({ status: 'open,closed' }, now)).where).not.toMatch(/status/);
  });
});
