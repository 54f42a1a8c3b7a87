import type { ComparedReport } from '../yearly-report/year-against-year';
import { verksamhetsberattelseDraft } from './verksamhetsberattelse-draft';

type Figures = ComparedReport['totals'];
const ratio = (count: number, of: number) => ({ count, of, share: of ? count / of : null });

/** A year's figures with only case counts in them (the rest empty), as the draft reads them. */
function figures(types: Partial<Figures['casesByType']>, categories: Record<string, number>, complaints: Record<string, number> = {}) {
  return {
    casesByType: { complaint: 0, opinion: 0, praise: 0, idea: 0, ...types },
    casesByChannel: {},
    casesByCategory: categories,
    complaintsByCategory: complaints,
    complaintsJustifiedByCategory: {},
    acknowledgedOnTime: ratio(0, 0),
    respondedOnTime: ratio(0, 0),
    medianResponseWorkingDays: null,
    openAtYearEnd: 0,
    complaintsJustifiedShare: null,
    commitments: 0,
    commitmentsKept: 0,
    fulfilment: null,
    breaches: { reported: 0, confirmed: 0, rejected: 0 },
    remedies: { planned: 0, completed: 0, completedOnTime: 0 },
  } as unknown as Figures;
}

/** One unit's draft (PUBLISH_MIN_COUNT 5): its table rows by their first cell, and its text. */
function draft(previous: Figures, current: Figures, categories: string[]) {
  const report = {
    year: 2026,
    asOf: '2026-12-31T12:00:00Z',
    categories: categories.map((id) => ({ id, label: id })),
    unmappedCategories: [],
    previousPeriod: { year: 2025, from: '2025-01-01', to: '2025-12-31' },
    units: [],
    departments: [],
    districts: [],
    totals: { ...current, previousYear: previous },
  } as unknown as ComparedReport;
  const none = { assessedComplaints: 0, responses: 0 };
  const d = verksamhetsberattelseDraft({
    scope: { kind: 'unit', name: 'Enheten' },
    report,
    commitments: [],
    breaches: [],
    bases: { previous: none, current: none },
    minCount: 5,
  });
  const rows = d.blocks.flatMap((b) => (b.kind === 'table' ? b.rows : []));
  return {
    row: (name: string) => rows.find((r) => r[0] === name),
    text: d.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : [])).join('\n'),
  };
}

describe('the draft gives no held-back count away', () => {
  it('holds back a category’s complaints when its count is held back: complaints ≤ cases would bound it', () => {
    // A: 11 complaints; B: 1 opinion; D: 3 ideas and 10 praise. B is few, A is held back beside it; were A's 11
    // complaints shown, A ≥ 11 and A + B = 12 would give A = 11 and B = 1.
    const current = figures({ complaint: 11, opinion: 1, idea: 3, praise: 10 }, { A: 11, B: 1, D: 13 }, { A: 11 });
    const previous = figures({ complaint: 30 }, { A: 10, B: 10, D: 10 });
    const d = draft(previous, current, ['A', 'B', 'D']);
    const a = d.row('A')!;
    expect(a[2]).toBe('–');
    expect(a).not.toContain('11');
    expect(d.row('B')![2]).toBe('färre än 5');
  });

  it('ranks growth only among categories shown in both years: a rank would narrow a held-back one down', () => {
    // Aa's earlier count is few (4). Ranked among the others, where it stands says how much it grew, and with its
    // count now that bounds the earlier one (4 → 7 ranked below three +4s: grew by less than 4, so it was 4). It is
    // never ranked, whether it grew a little or much.
    for (const now of [7, 12]) {
      const previous = figures({ complaint: 24 }, { Aa: 4, Ee: 2, Bb: 6, Cc: 6, Dd: 6 });
      const current = figures({ complaint: now + 30 }, { Aa: now, Ee: 0, Bb: 10, Cc: 10, Dd: 10 });
      const d = draft(previous, current, ['Aa', 'Bb', 'Cc', 'Dd', 'Ee']);
      expect(d.text).toMatch(/Bb/);
      expect(d.text).not.toMatch(/\bAa\b/);
    }
  });
});
