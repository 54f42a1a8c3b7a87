import { endOfStockholmDay, lateAt, stockholmDate } from '@app/core';
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
  casesByCategory: Record<string, number>;
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
  figures: Omit<Figures, 'medianResponseWorkingDays' | 'complaintsJustifiedShare' | 'fulfilment'>;
  responseDays: number[];
  justified: number;
  assessedComplaints: number;
}

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
function yearEnd(year: number): string {
  let end = yearEnds.get(year);
  if (end === undefined) yearEnds.set(year, (end = endOfStockholmDay(`${year}-12-31`).toISOString()));
  return end;
}

/** The case part of a unit's tally. The live report computes the same figures in SQL (see report-case-tallies.ts). */
export function tallyCases(year: number, now: Date, cases: CaseFact[]): Tally {
  const t = emptyTally();
  const f = t.figures;
  const at = now.toISOString();
  let ackOn = 0, ackOf = 0, respOn = 0, respOf = 0; // prettier-ignore
  for (const c of cases) {
    if (c.year !== year || c.mergedInto) continue;
    f.casesByType[c.type as keyof Figures['casesByType']] += 1;
    f.casesByChannel[c.channel] = (f.casesByChannel[c.channel] ?? 0) + 1;
    if (c.category) f.casesByCategory[c.category] = (f.casesByCategory[c.category] ?? 0) + 1;
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
    if (openAtYearEnd(c)) f.openAtYearEnd++;
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
export function tallyPromises(t: Tally, year: number, breaches: BreachFact[], guarantees: GuaranteeFact[]): void {
  const f = t.figures;
  const yearBreaches = breaches.filter((b) => b.year === year);
  const brokenCommitments = new Set(
    yearBreaches.filter((b) => b.status === 'confirmed' || b.status === 'remedied').map((b) => `${b.guaranteeId}/${b.commitmentId}`),
  );
  for (const g of guarantees.filter((g) => g.year === year)) {
    const ids = new Set(g.versions.filter((v) => v.adopted).flatMap((v) => v.commitmentIds));
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
  for (const { figures: f, responseDays, justified, assessedComplaints } of tallies) {
    for (const k of Object.keys(s.casesByType) as (keyof Figures['casesByType'])[]) s.casesByType[k] += f.casesByType[k];
    for (const [k, v] of Object.entries(f.casesByChannel)) s.casesByChannel[k] = (s.casesByChannel[k] ?? 0) + v;
    for (const [k, v] of Object.entries(f.casesByCategory)) s.casesByCategory[k] = (s.casesByCategory[k] ?? 0) + v;
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
  return {
    ...t.figures,
    medianResponseWorkingDays: median(t.responseDays),
    complaintsJustifiedShare: t.assessedComplaints ? t.justified / t.assessedComplaints : null,
    fulfilment: t.figures.commitments ? t.figures.commitmentsKept / t.figures.commitments : null,
  };
}
