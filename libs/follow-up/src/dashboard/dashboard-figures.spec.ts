import { BreachFact, CaseFact, GuaranteeFact } from '../report-facts/report-facts';
import { commitmentFigures, onTimeByMonth } from './dashboard-figures';

const kase = (id: string, over: Partial<CaseFact>): CaseFact => ({
  id,
  reference: `2026-${id}`,
  unitId: 'hgb',
  year: 2026,
  type: 'complaint',
  channel: 'web',
  receivedAt: '2026-01-12T09:00:00Z',
  acknowledgeBy: '2026-01-14T22:59:59.999Z',
  respondBy: '2026-01-26T22:59:59.999Z',
  needsResponse: true,
  pausedWorkingDays: 0,
  closures: [],
  ...over,
});

describe('onTimeByMonth', () => {
  const now = new Date('2026-03-31T10:00:00Z');
  const cases = [
    kase('1', { acknowledgedAt: '2026-01-13T09:00:00Z', respondedAt: '2026-01-20T09:00:00Z' }),
    kase('2', { type: 'opinion', acknowledgedAt: '2026-01-19T09:00:00Z' }),
    // received 31 January 23:30 UTC = 1 February in Stockholm
    kase('3', { type: 'idea', needsResponse: false, receivedAt: '2026-01-31T23:30:00Z', acknowledgeBy: '2026-02-03T22:59:59.999Z' }),
    // not yet due on either step: left out of both shares
    kase('4', { receivedAt: '2026-03-30T09:00:00Z', acknowledgeBy: '2026-04-01T21:59:59.999Z', respondBy: '2026-04-14T21:59:59.999Z' }),
    kase('5', { mergedInto: '1', acknowledgedAt: '2026-01-12T10:00:00Z' }),
    kase('6', { year: 2025, receivedAt: '2025-12-30T09:00:00Z' }),
  ];

  it('gives twelve months, each with the yearly definitions applied to the cases received in it', () => {
    const months = onTimeByMonth(cases, 2026, now);
    expect(months.map((m) => m.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(months[0]).toEqual({
      month: 1,
      received: 2,
      acknowledgedOnTime: { count: 1, of: 2, share: 0.5 },
      respondedOnTime: { count: 1, of: 2, share: 0.5 },
    });
    expect(months[1]).toEqual({
      month: 2,
      received: 1,
      acknowledgedOnTime: { count: 0, of: 1, share: 0 },
      respondedOnTime: { count: 0, of: 0, share: null },
    });
    expect(months[2]).toMatchObject({ received: 1, acknowledgedOnTime: { of: 0, share: null }, respondedOnTime: { of: 0 } });
    expect(months.slice(3).every((m) => m.received === 0 && m.acknowledgedOnTime.share === null)).toBe(true);
  });

  it('adds up to the yearly counts', () => {
    const months = onTimeByMonth(cases, 2026, now);
    expect(months.reduce((n, m) => n + m.received, 0)).toBe(4);
    expect(months.reduce((n, m) => n + m.acknowledgedOnTime.of, 0)).toBe(3);
  });
});

describe('commitmentFigures', () => {
  const guarantees: GuaranteeFact[] = [
    {
      id: 'hgb-2026',
      unitId: 'hgb',
      year: 2026,
      versions: [
        { version: 1, commitmentIds: ['svar', 'bemotande'], adopted: true },
        { version: 2, commitmentIds: ['svar', 'bemotande', 'info'], adopted: true },
        { version: 3, commitmentIds: ['utkast'], adopted: false },
      ],
    },
    { id: 'hgb-2025', unitId: 'hgb', year: 2025, versions: [{ version: 1, commitmentIds: ['gammal'], adopted: true }] },
  ];
  const breach = (id: string, commitmentId: string, status: BreachFact['status'], remedies: BreachFact['remedies'] = []): BreachFact => ({
    id,
    unitId: 'hgb',
    guaranteeId: 'hgb-2026',
    commitmentId,
    year: 2026,
    status,
    remedies,
  });
  const breaches = [
    breach('b1', 'svar', 'remedied', [{ remedyId: 'r1', dueOn: '2026-03-01', completedAt: '2026-03-01T20:00:00Z' }]),
    breach('b2', 'svar', 'confirmed', [
      { remedyId: 'r2', dueOn: '2026-03-20' },
      { remedyId: 'r3', dueOn: '2026-03-31' },
      { remedyId: 'r4', dueOn: '2026-03-10', completedAt: '2026-03-12T08:00:00Z' },
    ]),
    breach('b3', 'bemotande', 'rejected'),
    breach('b4', 'info', 'reported'),
    { ...breach('b5', 'svar', 'confirmed'), year: 2025 },
  ];

  it('counts breaches and remedies per adopted commitment, in adoption order', () => {
    const rows = commitmentFigures(guarantees, breaches, 2026, '2026-03-31');
    expect(rows.map((r) => r.commitmentId)).toEqual(['svar', 'bemotande', 'info']);
    expect(rows[0]).toEqual({
      unitId: 'hgb',
      guaranteeId: 'hgb-2026',
      commitmentId: 'svar',
      adopted: true,
      kept: false,
      breaches: { reported: 2, confirmed: 2, rejected: 0, undecided: 0 },
      // r2 is past due; r3 is due today and so not yet overdue; r4 was completed late
      remedies: { planned: 4, completed: 2, completedOnTime: 1, overdue: 1 },
    });
    expect(rows[1]).toMatchObject({ kept: true, breaches: { reported: 1, rejected: 1 } });
    expect(rows[2]).toMatchObject({ kept: true, breaches: { reported: 1, undecided: 1 } });
  });

  it('keeps a breach of a commitment that is not adopted, marked as such, and leaves other years out', () => {
    const rows = commitmentFigures(guarantees, [...breaches, breach('b6', 'utkast', 'reported')], 2026, '2026-03-31');
    expect(rows.find((r) => r.commitmentId === 'utkast')).toMatchObject({ adopted: false, breaches: { reported: 1 } });
    expect(rows.some((r) => r.commitmentId === 'gammal')).toBe(false);
    expect(commitmentFigures(guarantees, breaches, 2025, '2026-03-31')).toEqual([
      expect.objectContaining({ commitmentId: 'gammal', kept: true }),
      expect.objectContaining({ commitmentId: 'svar', adopted: false, kept: false }),
    ]);
  });
});
