import { CaseFact } from '../report-facts/report-facts';
import { tallyCases } from '../yearly-report/tally';
import { figureCases } from './dashboard-cases';

const kase = (id: string, over: Partial<CaseFact>): CaseFact => ({
  id,
  reference: `2026-00000${id}`,
  unitId: 'hgb',
  year: 2026,
  type: 'complaint',
  channel: 'web',
  category: 'Bemötande',
  receivedAt: `2026-01-1${id}T09:00:00Z`,
  acknowledgeBy: '2026-01-20T22:59:59.999Z',
  respondBy: '2026-02-02T22:59:59.999Z',
  needsResponse: true,
  pausedWorkingDays: 0,
  closures: [],
  ...over,
});

const now = new Date('2026-03-31T10:00:00Z');
const cases = [
  kase('1', {
    acknowledgedAt: '2026-01-13T09:00:00Z',
    respondedAt: '2026-01-20T09:00:00Z',
    closures: [{ closedAt: '2026-01-21T09:00:00Z' }],
  }),
  kase('2', { type: 'opinion', category: 'Mat', acknowledgedAt: '2026-01-22T09:00:00Z' }),
  kase('3', { type: 'idea', needsResponse: false, category: undefined }),
  kase('4', { receivedAt: '2026-03-30T09:00:00Z', acknowledgeBy: '2026-04-01T21:59:59.999Z', respondBy: '2026-04-14T21:59:59.999Z' }),
  kase('5', { mergedInto: '1', acknowledgedAt: '2026-01-15T10:00:00Z' }),
  kase('6', { year: 2025, receivedAt: '2025-12-30T09:00:00Z' }),
  kase('7', { acknowledgedAt: '2026-01-17T09:00:00Z', pausedSince: '2026-01-19T09:00:00Z' }),
];

describe('figureCases: the cases behind a figure', () => {
  it('lists the year’s cases, merged ones left out, oldest first, with their status', () => {
    const listed = figureCases(cases, 'received', 2026, now);
    expect(listed.map((c) => [c.reference, c.status])).toEqual([
      ['2026-000001', 'closed'],
      ['2026-000002', 'acknowledged'],
      ['2026-000003', 'received'],
      ['2026-000007', 'awaiting_complainant'],
      ['2026-000004', 'received'],
    ]);
    expect(listed[0]).not.toHaveProperty('onTime');
  });

  it('lists exactly the cases the on-time shares count, each marked on time or not', () => {
    const { acknowledgedOnTime, respondedOnTime } = tallyCases(2026, now, cases).figures;
    const acknowledged = figureCases(cases, 'acknowledged', 2026, now);
    const responded = figureCases(cases, 'responded', 2026, now);
    expect(acknowledged.map((c) => [c.reference, c.onTime])).toEqual([
      ['2026-000001', true],
      ['2026-000002', false],
      ['2026-000003', false],
      ['2026-000007', true],
    ]);
    expect(responded.map((c) => [c.reference, c.onTime])).toEqual([
      ['2026-000001', true],
      ['2026-000002', false],
    ]);
    expect([acknowledged.length, acknowledged.filter((c) => c.onTime).length]).toEqual([acknowledgedOnTime.of, acknowledgedOnTime.count]);
    expect([responded.length, responded.filter((c) => c.onTime).length]).toEqual([respondedOnTime.of, respondedOnTime.count]);
  });

  it('narrows to one category as the figures group it, old free text by its mapping', () => {
    const keyOf = (recorded: string) => ({ Bemötande: 'bemotande', Mat: 'mat-och-maltider' })[recorded] ?? recorded;
    expect(figureCases(cases, 'received', 2026, now, { category: 'mat-och-maltider', keyOf }).map((c) => c.reference)).toEqual([
      '2026-000002',
    ]);
    expect(figureCases(cases, 'received', 2026, now, { category: 'bemotande', keyOf }).map((c) => c.reference)).toEqual([
      '2026-000001',
      '2026-000007',
      '2026-000004',
    ]);
  });
});
