import { defaultCategoryList } from '@app/cases';
import { RecordedEvent } from '@app/core';
import { applyReportEvent } from '../report-facts/apply-report-event';
import { MemoryFactStore } from '../report-facts/report-facts';
import { tallyCases } from './tally';
import { ComparedReport, figureChanges, previousPeriod, withPreviousYear } from './year-against-year';
import { ReportInput, yearlyReport } from './yearly-figures';
import { basesOf } from '../verksamhetsberattelse/draft-bases';
import { DraftInput, verksamhetsberattelseDraft } from '../verksamhetsberattelse/verksamhetsberattelse-draft';

let position = 0n;
const ev = (type: string, data: Record<string, unknown>): RecordedEvent =>
  ({ type, data, id: `e${++position}`, streamId: 'x', revision: 0n, position, metadata: {}, hash: '', prevHash: null }) as RecordedEvent;

const registered = (caseId: string, type: string, category: string, receivedAt: string, ackBy: string, respondBy: string, unitId = 'hgb') =>
  ev('CaseRegistered.v1', {
    caseId,
    reference: `ref-${caseId}`,
    unitId,
    type,
    channel: 'web',
    category,
    receivedAt,
    acknowledgeBy: ackBy,
    respondBy,
    needsResponse: type === 'complaint',
  });

/*
 * Hand-checked: the report of 2026 asked on 31 March 2026 compares with 1 January – 31 March 2025.
 * 2025 (previous period):
 *  p1 complaint mat-och-maltider, received 3 Feb, acknowledged 4 Feb (by 5 Feb), responded 10 Feb (by 17 Feb) justified, closed 11 Feb.
 *  p2 complaint bemotande, received 31 Mar 10:00 UTC (31 Mar in Stockholm): never acknowledged nor responded → late on both;
 *     open at the period's end.
 *  p3 opinion mat-och-maltider received 1 Apr: after the period → left out.
 *  p4 complaint "Mat" (old free text, recategorised to mat-och-maltider on 1 Apr 2026), received 10 Mar, acknowledged 11 Mar
 *     (by 12 Mar), responded 20 Mar (by 24 Mar) unjustified, closed 15 Apr 2025: open at the period's end (31 Mar).
 *  → complaints 3; by category mat-och-maltider 2 (p1, p4), bemotande 1; acknowledged on time 2/3; responded on time 2/3;
 *    open 2 (p2, p4); justified 1/2 (p1 of p1, p4), mat-och-maltider 1/2, bemotande 0/0 (null).
 *  Guarantee hgb-2025 v1 {k1, k2} in force from 1 Jan; v2 {k1, k2, k3} in force from 1 Jun (after the period) → commitments 2.
 *  Breach on k1 occurred 1 Mar, confirmed (in the period); breach on k2 occurred 1 Jun, confirmed (after) → kept 1 of 2.
 * 2026: c1, c2 complaints mat-och-maltider received 2 Mar, acknowledged 3 Mar, responded 5 and 6 Mar (justified, partly
 *  justified); c3 idea information, acknowledged 3 Mar → 3 cases, complaints 2, acknowledged 3/3, responded 2/2, justified 2/2.
 * Change: cases 3 → 3 (0), complaints 3 → 2 (−1), acknowledged on time 2/3 → 1 (+1/3); mat-och-maltider 2 → 2,
 *  information 0 → 1, bemotande 1 → 0; median response days 6.5 (p1 5, p4 8) → 3.5 (c1 3, c2 4); no 2026 guarantee: fulfilment null.
 */
function facts(): MemoryFactStore {
  const s = new MemoryFactStore();
  const g = (version: number, commitments: string[], inForceFrom: string, supersedesVersion?: number) => [
    ev('GuaranteeDrafted.v1', {
      guaranteeId: 'hgb-2025',
      unitId: 'hgb',
      year: 2025,
      version,
      commitments: commitments.map((id) => ({ id })),
    }),
    ev('GuaranteeAdopted.v1', { guaranteeId: 'hgb-2025', version, decidedOn: inForceFrom, inForceFrom, supersedesVersion }),
  ];
  const breach = (breachId: string, commitmentId: string, occurredAt: string) => [
    ev('BreachReported.v1', { breachId, unitId: 'hgb', guaranteeId: 'hgb-2025', commitmentId, occurredAt }),
    ev('BreachConfirmed.v1', { breachId, at: occurredAt }),
  ];
  const events = [
    ev('UnitRegistered.v1', { unitId: 'hgb', name: 'Hägerstens gruppbostäder', department: 'Social omsorg', district: 'H-L' }),
    registered('p1', 'complaint', 'mat-och-maltider', '2025-02-03T09:00:00Z', '2025-02-05T22:59:59.999Z', '2025-02-17T22:59:59.999Z'),
    ev('CaseAcknowledged.v1', { caseId: 'p1', at: '2025-02-04T09:00:00Z' }),
    ev('CaseResponded.v1', { caseId: 'p1', at: '2025-02-10T09:00:00Z', outcome: 'justified' }),
    ev('CaseClosed.v1', { caseId: 'p1', at: '2025-02-11T09:00:00Z', resolution: 'resolved' }),
    registered('p2', 'complaint', 'bemotande', '2025-03-31T10:00:00Z', '2025-04-02T21:59:59.999Z', '2025-04-14T21:59:59.999Z'),
    registered('p3', 'opinion', 'mat-och-maltider', '2025-04-01T08:00:00Z', '2025-04-03T21:59:59.999Z', '2025-04-15T21:59:59.999Z'),
    registered('p4', 'complaint', 'Mat', '2025-03-10T09:00:00Z', '2025-03-12T22:59:59.999Z', '2025-03-24T22:59:59.999Z'),
    ev('CaseAcknowledged.v1', { caseId: 'p4', at: '2025-03-11T09:00:00Z' }),
    ev('CaseResponded.v1', { caseId: 'p4', at: '2025-03-20T09:00:00Z', outcome: 'unjustified' }),
    ev('CaseClosed.v1', { caseId: 'p4', at: '2025-04-15T09:00:00Z', resolution: 'resolved' }),
    ev('CaseRecategorised.v1', { caseId: 'p4', at: '2026-04-01T09:00:00Z', category: 'mat-och-maltider', previousCategory: 'Mat' }),
    ...g(1, ['k1', 'k2'], '2025-01-01'),
    ...g(2, ['k1', 'k2', 'k3'], '2025-06-01', 1),
    ...breach('b1', 'k1', '2025-03-01T10:00:00Z'),
    ...breach('b2', 'k2', '2025-06-01T10:00:00Z'),
    ...['c1', 'c2', 'c3'].flatMap((id, i) => [
      registered(
        id,
        i < 2 ? 'complaint' : 'idea',
        i < 2 ? 'mat-och-maltider' : 'information',
        '2026-03-02T09:00:00Z',
        '2026-03-04T22:59:59.999Z',
        '2026-03-16T22:59:59.999Z',
      ),
      ev('CaseAcknowledged.v1', { caseId: id, at: '2026-03-03T09:00:00Z' }),
    ]),
    ev('CaseResponded.v1', { caseId: 'c1', at: '2026-03-05T09:00:00Z', outcome: 'justified' }),
    ev('CaseResponded.v1', { caseId: 'c2', at: '2026-03-06T09:00:00Z', outcome: 'partly_justified' }),
  ];
  for (const e of events) applyReportEvent(s, e);
  return s;
}

/** The draft of a compared report, with the bases of its shares tallied from the cases of its units; text and rows of every table. */
function draftOf(
  report: ComparedReport,
  input: ReportInput,
  now: Date,
  minCount: number,
  scope: DraftInput['scope'] = { kind: 'unit', name: 'Hgb' },
) {
  const units = new Set(report.units.map((u) => u.unitId));
  const cases = input.cases.filter((c) => units.has(c.unitId));
  const until = report.previousPeriod.to;
  const bases = {
    previous: basesOf(tallyCases(report.year - 1, now, cases, { until })),
    current: basesOf(tallyCases(report.year, now, cases)),
  };
  const d = verksamhetsberattelseDraft({ scope, report, commitments: [], breaches: [], bases, minCount });
  const rows = d.blocks.flatMap((b) => (b.kind === 'table' ? b.rows : []));
  const text = d.blocks.flatMap((b) => ('text' in b ? [b.text] : [])).join('\n');
  return { row: (name: string) => rows.find((r) => r[0] === name), text };
}

describe('year against year on a hand-computed fixture', () => {
  const input = facts().toInput();
  const now = new Date('2026-03-31T12:00:00Z');
  const categories = defaultCategoryList();
  const { period, tally } = previousPeriod(2026, now);
  const previous = yearlyReport(input, 2025, now, {}, undefined, { categories, period: tally });
  const report = withPreviousYear(yearlyReport(input, 2026, now, {}, undefined, { categories }), previous, period);
  const prev = report.units[0].previousYear;

  it('compares a year not yet over with 1 January up to the same date of the year before', () => {
    expect(period).toEqual({ year: 2025, from: '2025-01-01', to: '2025-03-31' });
    expect(previousPeriod(2025, now).period).toEqual({ year: 2024, from: '2024-01-01', to: '2024-12-31' });
    expect(previousPeriod(2028, new Date('2028-02-29T12:00:00Z')).period.to).toBe('2027-02-28');
  });

  it('counts the cases received in the period, by the category each has now', () => {
    expect(prev.casesByType).toEqual({ complaint: 3, opinion: 0, praise: 0, idea: 0 });
    expect(prev.casesByCategory).toEqual({ 'mat-och-maltider': 2, bemotande: 1 });
    expect(prev.complaintsJustifiedByCategory).toEqual({
      'mat-och-maltider': { count: 1, of: 2, share: 0.5 },
      bemotande: { count: 0, of: 0, share: null },
    });
  });

  it('applies the yearly definitions to the period: on time, open at its end, justified share', () => {
    expect(prev.acknowledgedOnTime).toEqual({ count: 2, of: 3, share: 2 / 3 });
    expect(prev.respondedOnTime).toEqual({ count: 2, of: 3, share: 2 / 3 });
    expect(prev.openAtYearEnd).toBe(2);
    expect(prev.complaintsJustifiedShare).toBe(0.5);
  });

  it('counts the commitments in force and the breaches that occurred in the period', () => {
    expect(prev).toMatchObject({ commitments: 2, commitmentsKept: 1, fulfilment: 0.5, breaches: { reported: 1, confirmed: 1 } });
    expect(report.totals.previousYear).toEqual(prev);
  });

  it('gives the change of each figure', () => {
    const change = figureChanges(report.units[0], prev);
    expect(change.cases).toEqual({ previous: 3, current: 3, change: 0 });
    expect(change.complaints).toEqual({ previous: 3, current: 2, change: -1 });
    expect(change.acknowledgedOnTime.change).toBeCloseTo(1 / 3);
    expect(change.casesByCategory).toEqual({
      'mat-och-maltider': { previous: 2, current: 2, change: 0 },
      information: { previous: 0, current: 1, change: 1 },
      bemotande: { previous: 1, current: 0, change: -1 },
    });
    // p1 5 and p4 8 working days → 6.5; c1 3 and c2 4 → 3.5
    expect(change.medianResponseWorkingDays).toEqual({ previous: 6.5, current: 3.5, change: -3 });
    expect(change.fulfilment).toEqual({ previous: 0.5, current: null, change: null });
  });

  describe('in the verksamhetsberättelse draft', () => {
    const draft = (minCount: number) => draftOf(report, input, now, minCount);
    it('prints case counts as they are when nothing is held back, in Swedish number', () => {
      const d = draft(0);
      expect(d.row('Klagomål')).toEqual(['Klagomål', '3', '2', '−1']);
      expect(d.text).toContain('Enheten tog emot 3 ärenden (synpunkter, klagomål, beröm och idéer)');
    });

    it('holds back small case counts as the categories are, so that a total does not give a category away', () => {
      const d = draft(5);
      expect(d.row('Klagomål')).toEqual(['Klagomål', 'färre än 5', 'färre än 5', '–']);
      expect(d.row('Synpunkter och klagomål totalt')).toEqual(['Synpunkter och klagomål totalt', 'färre än 5', 'färre än 5', '–']);
      expect(d.row('Synpunkter')).toEqual(['Synpunkter', '0', '0', '0']);
      expect(d.text).toContain('Enheten tog emot färre än 5 ärenden (synpunkter, klagomål, beröm och idéer)');
      expect(d.text).not.toMatch(/tog emot \d/);
    });

    it('leaves out a share or median from fewer cases than the minimum, and shows one from as many', () => {
      // acknowledged 2 of 3 → 3 of 3; responded 2 of 3 → 2 of 2; the median and the justified share each from 2 responses
      const d = draft(3);
      expect(d.row('Kvitterade i tid')).toEqual(['Kvitterade i tid', '67 %', '100 %', '+33 procentenheter']);
      expect(d.row('Besvarade i tid')).toEqual(['Besvarade i tid', '67 %', '–', '–']);
      expect(d.row('Svarstid, median (arbetsdagar)')).toEqual(['Svarstid, median (arbetsdagar)', '–', '–', '–']);
      expect(d.row('Andel befogade klagomål')).toEqual(['Andel befogade klagomål', '–', '–', '–']);
      expect(d.row('Mat och måltider')![4]).toBe('–');
      expect(d.text).toContain('Andelen kvitterade i tid ökade från 67 % till 100 %.');
      expect(d.text).not.toMatch(/Andelen besvarade|Mediantiden|Andelen befogade/);
      expect(d.text).toContain('andelar och medianer som bygger på färre än 3 ärenden som ”–”');
    });

    it('shows every share and the median with a minimum of 0 or 1', () => {
      for (const d of [draft(0), draft(1)]) {
        expect(d.row('Besvarade i tid')).toEqual(['Besvarade i tid', '67 %', '100 %', '+33 procentenheter']);
        expect(d.row('Svarstid, median (arbetsdagar)')).toEqual(['Svarstid, median (arbetsdagar)', '6,5', '3,5', '-3']);
        expect(d.row('Andel befogade klagomål')).toEqual(['Andel befogade klagomål', '50 %', '100 %', '+50 procentenheter']);
        expect(d.row('Mat och måltider')![4]).toBe('100 %');
        expect(d.text).toContain('Mediantiden till svar minskade från 6,5 till 3,5 arbetsdagar.');
        expect(d.text).not.toMatch(/färre än|står för/);
      }
    });
  });
});

/*
 * Small counts beside larger ones, 1 January – 31 March 2026 against the same period of 2025 (minimum 5).
 * 2025: hgb 8 complaints mat-och-maltider. 2026: hgb 6 complaints mat-och-maltider and 1 opinion bemotande; lbo (the same
 * department) 1 complaint mat-och-maltider. None acknowledged or responded to: every deadline has passed.
 * Hgb alone: 7 = 6 complaints + 1 opinion, and the categories 7 = 6 + 1: the 6 would give the 1 away.
 * The department: 8 = 7 complaints + 1 opinion; categories 8 = 7 + 1; units 8 = hgb 7 + lbo 1.
 */
describe('the verksamhetsberättelse draft holds back a count that would give a few away', () => {
  const now = new Date('2026-03-31T12:00:00Z');
  const { period, tally } = previousPeriod(2026, now);
  const store = new MemoryFactStore();
  // received, to be acknowledged by, to be responded to by
  const in2025 = ['2025-02-03T09:00:00Z', '2025-02-05T22:59:59.999Z', '2025-02-17T22:59:59.999Z'] as const;
  const in2026 = ['2026-03-02T09:00:00Z', '2026-03-04T22:59:59.999Z', '2026-03-16T22:59:59.999Z'] as const;
  const events = [
    ev('UnitRegistered.v1', { unitId: 'hgb', name: 'Hägerstens gruppbostäder', department: 'Social omsorg', district: 'H-L' }),
    ev('UnitRegistered.v1', { unitId: 'lbo', name: 'Liljeholmens boende', department: 'Social omsorg', district: 'H-L' }),
    ...[...Array(8).keys()].map((i) => registered(`p${i}`, 'complaint', 'mat-och-maltider', ...in2025)),
    ...[...Array(6).keys()].map((i) => registered(`c${i}`, 'complaint', 'mat-och-maltider', ...in2026)),
    registered('o1', 'opinion', 'bemotande', ...in2026),
    registered('l1', 'complaint', 'mat-och-maltider', ...in2026, 'lbo'),
  ];
  for (const e of events) applyReportEvent(store, e);
  const input = store.toInput();
  const draft = (unitIds: string[], minCount: number, scope?: DraftInput['scope']) => {
    const units = { ...input, units: input.units.filter((u) => unitIds.includes(u.id)) };
    const options = { categories: defaultCategoryList() };
    const previous = yearlyReport(units, 2025, now, {}, undefined, { ...options, period: tally });
    const report = withPreviousYear(yearlyReport(units, 2026, now, {}, undefined, options), previous, period);
    return draftOf(report, input, now, minCount, scope);
  };
  const department = { kind: 'department', name: 'Social omsorg' } as const;

  it('by type: the smallest other type is held back as "–", with no change beside it, and the sentence leaves it out', () => {
    const d = draft(['hgb'], 5);
    expect(d.row('Synpunkter och klagomål totalt')).toEqual(['Synpunkter och klagomål totalt', '8', '7', '−1']);
    expect(d.row('Klagomål')).toEqual(['Klagomål', '8', '–', '–']);
    expect(d.row('Synpunkter')).toEqual(['Synpunkter', '0', 'färre än 5', '–']);
    expect(d.row('Beröm')).toEqual(['Beröm', '0', '0', '0']);
    expect(d.text).toContain(
      'Enheten tog emot 7 ärenden (synpunkter, klagomål, beröm och idéer) under 1 januari–31 mars 2026 (8 ärenden under 1 januari–31 mars 2025).',
    );
    expect(d.text).toContain('– står för ett antal som inte visas, för att ett annat inte ska kunna räknas fram.');
  });

  it('by category: with "Utan kategori" against the total, and the complaints per category against the complaints', () => {
    const d = draft(['hgb'], 5);
    expect(d.row('Mat och måltider')).toEqual(['Mat och måltider', '8', '–', '–', '–']);
    expect(d.row('Bemötande')).toEqual(['Bemötande', '0', 'färre än 5', '0', '–']);
    expect(d.row('Utan kategori')).toEqual(['Utan kategori', '0', '0', '0', '']);
    expect(d.text).toContain('Ingen kategori ökade så att det kan redovisas.');
  });

  it('by unit: the units against the total of the department', () => {
    const d = draft(['hgb', 'lbo'], 5, department);
    expect(d.row('Synpunkter och klagomål totalt')).toEqual(['Synpunkter och klagomål totalt', '8', '8', '0']);
    expect(d.row('Klagomål')).toEqual(['Klagomål', '8', '–', '–']);
    // responded in time: hgb 0 of 6 due, lbo 0 of 1 (fewer than 5: left out)
    expect(d.row('Hägerstens gruppbostäder')).toEqual(['Hägerstens gruppbostäder', '8', '–', '0 %', '–']);
    expect(d.row('Liljeholmens boende')).toEqual(['Liljeholmens boende', '0', 'färre än 5', '–', '–']);
    expect(d.row('Mat och måltider')!.slice(1, 4)).toEqual(['8', '–', '–']);
  });

  it('holds back nothing with a minimum of 0 or 1', () => {
    for (const min of [0, 1]) {
      const d = draft(['hgb', 'lbo'], min, department);
      expect(d.row('Klagomål')).toEqual(['Klagomål', '8', '7', '−1']);
      expect(d.row('Synpunkter')).toEqual(['Synpunkter', '0', '1', '+1']);
      expect(d.row('Liljeholmens boende')).toEqual(['Liljeholmens boende', '0', '1', '0 %', '–']);
      expect(d.row('Mat och måltider')!.slice(1, 4)).toEqual(['8', '7', '7']);
      expect(d.text).toContain(
        'Avdelningens enheter tog emot 8 ärenden (synpunkter, klagomål, beröm och idéer) under 1 januari–31 mars 2026, varav 7 klagomål',
      );
      expect(d.text).not.toMatch(/färre än|står för/);
    }
  });
});
