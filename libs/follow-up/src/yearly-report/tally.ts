import { endOfStockholmDay, lateAt, stockholmDate } from '@app/core';
import { addCategoryCounts, CategoryCounts, countCategory, emptyCategoryCounts } from './category-figures';
import { BreachFact, CaseFact, GuaranteeFact, responseWorkingDays } from '../report-facts/report-facts';

export interface Ratio {
  count: number;
  of: number;
  /** In [0, 1]; null when there is nothing to measure. */
  share: number | null;
}

export interface Figures {
  casesByType: Record<'complaint' | 'opinion' | 'praise' | 'idea', number>;
  casesByChannel: Record<string, number>;
  /** Cases per category id of the list (see category-figures.ts); an old free-text value nothing maps keeps its text. */
  casesByCategory: Record<string, number>;
  /** Complaints per category, and the justified share of those assessed (as complaintsJustifiedShare). */
  complaintsByCategory: Record<string, number>;
  complaintsJustifiedByCategory: Record<string, Ratio>;
  acknowledgedOnTime: Ratio;
  respondedOnTime: Ratio;
  medianResponseWorkingDays: number | null;
  openAtYearEnd: number;
  complaintsJustifiedShare: number | null;
  commitments: number;
  commitmentsKept: number;
  fulfilment: number | null;
  breaches: { reported: number; confirmed: number; rejected: number };
  remedies: { planned: number; completed: number; completedOnTime: number };
}

/** Raw material of a unit's figures; totals add these up and derive shares and medians from the sums. */
export interface Tally {
  figures: Omit<Figures, 'medianResponseWorkingDays' | 'complaintsJustifiedShare' | 'fulfilment' | 'complaintsJustifiedByCategory'>;
  responseDays: number[];
  justified: number;
  assessedComplaints: number;
  /** Assessed and justified complaints per category: the shares come from these sums. */
  byCategory: CategoryCounts;
}

/**
 * The part of a year a tally covers: the whole year, or (`until`, YYYY-MM-DD Stockholm, inclusive) 1 January up to
 * that day: cases received and breaches occurred by then, commitments in force by then, open counted at its end.
 */
export type Period = { until?: string };

const CHANNELS = ['web', 'phone', 'email', 'letter', 'visit', 'meeting', 'open311'];
export const ratio = (count: number, of: number): Ratio => ({ count, of, share: of ? count / of : null });

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function closedAt(f: CaseFact, instant: string): boolean {
  return f.closures.some((c) => c.closedAt <= instant && (!c.reopenedAt || c.reopenedAt > instant));
}

export function emptyTally(): Tally {
  return {
    figures: {
      casesByType: { complaint: 0, opinion: 0, praise: 0, idea: 0 },
      casesByChannel: Object.fromEntries(CHANNELS.map((c) => [c, 0])),
      casesByCategory: {},
      complaintsByCategory: {},
      acknowledgedOnTime: ratio(0, 0),
      respondedOnTime: ratio(0, 0),
      openAtYearEnd: 0,
      commitments: 0,
      commitmentsKept: 0,
      breaches: { reported: 0, confirmed: 0, rejected: 0 },
      remedies: { planned: 0, completed: 0, completedOnTime: 0 },
    },
    responseDays: [],
    justified: 0,
    assessedComplaints: 0,
    byCategory: emptyCategoryCounts(),
  };
}

/** One unit's tally for a year, as things stood at `now` (business time decides what is due). */
export function tallyUnit(year: number, now: Date, cases: CaseFact[], breaches: BreachFact[], guarantees: GuaranteeFact[]): Tally {
  const t = tallyCases(year, now, cases);
  tallyPromises(t, year, breaches, guarantees);
  return t;
}

/** Was the case open at the end of its year (not closed at 31 December 23:59:59 Stockholm time)? */
export function openAtYearEnd(c: CaseFact): boolean {
  return !closedAt(c, yearEnd(c.year));
}

const yearEnds = new Map<number, string>();

/** The last instant of a Stockholm year, as an ISO string (asked for every case a report or projection folds). */
export function yearEnd(year: number): string {
  let end = yearEnds.get(year);
  if (end === undefined) yearEnds.set(year, (end = endOfStockholmDay(`${year}-12-31`).toISOString()));
  return end;
}

/** The case part of a unit's tally. The live report computes the same figures in SQL (see report-case-tallies.ts). */
export function tallyCases(year: number, now: Date, cases: CaseFact[], period: Period = {}): Tally {
  const t = emptyTally();
  const f = t.figures;
  const at = now.toISOString();
  const { until } = period;
  const periodEnd = until && endOfStockholmDay(until).toISOString();
  let ackOn = 0, ackOf = 0, respOn = 0, respOf = 0; // prettier-ignore
  for (const c of cases) {
    if (c.year !== year || c.mergedInto || (until && stockholmDate(c.receivedAt) > until)) continue;
    f.casesByType[c.type as keyof Figures['casesByType']] += 1;
    f.casesByChannel[c.channel] = (f.casesByChannel[c.channel] ?? 0) + 1;
    countCategory(t, c);
    if (c.acknowledgedAt || lateAt.acknowledge(c, at)) {
      ackOf++;
      if (c.acknowledgedAt && c.acknowledgedAt <= c.acknowledgeBy) ackOn++;
    }
    // Paused cases are not yet due only if the pause began by respondBy (see lateAt.respond).
    if (c.needsResponse && (c.respondedAt || lateAt.respond(c, at))) {
      respOf++;
      if (c.respondedAt && c.respondedAt <= c.respondBy) respOn++;
    }
    const days = responseWorkingDays(c);
    if (days !== undefined) t.responseDays.push(days);
    if (periodEnd ? !closedAt(c, periodEnd) : openAtYearEnd(c)) f.openAtYearEnd++;
    if (c.type === 'complaint' && c.respondedAt && c.outcome && c.outcome !== 'not_assessable') {
      t.assessedComplaints++;
      if (c.outcome === 'justified' || c.outcome === 'partly_justified') t.justified++;
    }
  }
  f.acknowledgedOnTime = ratio(ackOn, ackOf);
  f.respondedOnTime = ratio(respOn, respOf);
  return t;
}

/** The promise part: commitments kept, breaches and remedies of the year, added to a tally. */
export function tallyPromises(t: Tally, year: number, breaches: BreachFact[], guarantees: GuaranteeFact[], period: Period = {}): void {
  const f = t.figures;
  const { until } = period;
  const yearBreaches = breaches.filter((b) => b.year === year && (!until || !b.occurredAt || stockholmDate(b.occurredAt) <= until));
  const brokenCommitments = new Set(
    yearBreaches.filter((b) => b.status === 'confirmed' || b.status === 'remedied').map((b) => `${b.guaranteeId}/${b.commitmentId}`),
  );
  for (const g of guarantees.filter((g) => g.year === year)) {
    const inPeriod = (v: GuaranteeFact['versions'][number]) => !until || !v.inForceFrom || v.inForceFrom <= until;
    const ids = new Set(g.versions.filter((v) => v.adopted && inPeriod(v)).flatMap((v) => v.commitmentIds));
    f.commitments += ids.size;
    f.commitmentsKept += [...ids].filter((id) => !brokenCommitments.has(`${g.id}/${id}`)).length;
  }
  for (const b of yearBreaches) {
    f.breaches.reported++;
    if (b.status === 'confirmed' || b.status === 'remedied') f.breaches.confirmed++;
    if (b.status === 'rejected') f.breaches.rejected++;
    for (const r of b.remedies) {
      f.remedies.planned++;
      if (r.completedAt) {
        f.remedies.completed++;
        if (stockholmDate(r.completedAt) <= r.dueOn) f.remedies.completedOnTime++;
      }
    }
  }
}

/** Sums tallies (for a department or the district); shares and the median come from the sums, not from averages. */
export function addTallies(tallies: Tally[]): Tally {
  const sum = emptyTally();
  const s = sum.figures;
  for (const t of tallies) {
    const { figures: f, responseDays, justified, assessedComplaints } = t;
    for (const k of Object.keys(s.casesByType) as (keyof Figures['casesByType'])[]) s.casesByType[k] += f.casesByType[k];
    for (const [k, v] of Object.entries(f.casesByChannel)) s.casesByChannel[k] = (s.casesByChannel[k] ?? 0) + v;
    addCategoryCounts(sum, t);
    s.acknowledgedOnTime = ratio(
      s.acknowledgedOnTime.count + f.acknowledgedOnTime.count,
      s.acknowledgedOnTime.of + f.acknowledgedOnTime.of,
    );
    s.respondedOnTime = ratio(s.respondedOnTime.count + f.respondedOnTime.count, s.respondedOnTime.of + f.respondedOnTime.of);
    s.openAtYearEnd += f.openAtYearEnd;
    s.commitments += f.commitments;
    s.commitmentsKept += f.commitmentsKept;
    for (const k of ['reported', 'confirmed', 'rejected'] as const) s.breaches[k] += f.breaches[k];
    for (const k of ['planned', 'completed', 'completedOnTime'] as const) s.remedies[k] += f.remedies[k];
    sum.responseDays.push(...responseDays);
    sum.justified += justified;
    sum.assessedComplaints += assessedComplaints;
  }
  return sum;
}

export function figuresOf(t: Tally): Figures {
  const { casesByType, casesByChannel, casesByCategory, complaintsByCategory, ...rest } = t.figures;
  return {
    casesByType,
    casesByChannel,
    casesByCategory,
    complaintsByCategory,
    complaintsJustifiedByCategory: Object.fromEntries(
      Object.keys(complaintsByCategory).map((k) => [k, ratio(t.byCategory.justified[k] ?? 0, t.byCategory.assessed[k] ?? 0)]),
    ),
    ...rest,
    medianResponseWorkingDays: median(t.responseDays),
    complaintsJustifiedShare: t.assessedComplaints ? t.justified / t.assessedComplaints : null,
    fulfilment: t.figures.commitments ? t.figures.commitmentsKept / t.figures.commitments : null,
  };
}
