import { ReadModelStore } from '@app/projections';
import { emptyTally, openAtYearEnd, ratio, Tally } from '../yearly-report/tally';
import { CaseFact, responseClockStopped, responseWorkingDays } from './report-facts';
import { unitCondition } from './report-scope';
import type { CaseCountRow } from './report.projection';

/**
 * What one case adds to its unit's counts for its year, by the definitions tallyCases applies in memory (the as-of
 * replays use that fold; a test checks the two agree): the keys that hold whatever the clock says, and the deadlines
 * still open, which only the instant asked decides (acknowledged or responded late once it has passed them).
 * A duplicate merged into another case adds nothing.
 */
export interface CaseContribution {
  unitId: string;
  year: number;
  keys: string[];
  /** Not yet acknowledged: counts as late once this has passed. */
  ackBy: string | null;
  /** Needs a response and has none: counts as late once this has passed, unless the response clock is stopped. */
  respBy: string | null;
  /** 1 while the response clock is stopped (responseClockStopped). */
  paused: number;
}

const ASSESSED = ['justified', 'partly_justified', 'unjustified'];
const JUSTIFIED = ['justified', 'partly_justified'];

export function caseContribution(f: CaseFact): CaseContribution {
  const c: CaseContribution = { unitId: f.unitId, year: f.year, keys: [], ackBy: null, respBy: null, paused: 0 };
  if (f.mergedInto) return c;
  const k = c.keys;
  k.push(`type:${f.type}`, `channel:${f.channel}`);
  if (f.category) k.push(`category:${f.category}`);
  if (f.category && f.type === 'complaint') k.push(`complaint_category:${f.category}`);
  if (f.acknowledgedAt) {
    k.push('ack_done');
    if (f.acknowledgedAt <= f.acknowledgeBy) k.push('ack_on');
  } else c.ackBy = f.acknowledgeBy;
  if (f.needsResponse && f.respondedAt) {
    k.push('resp_done');
    if (f.respondedAt <= f.respondBy) k.push('resp_on');
  } else if (f.needsResponse) {
    c.respBy = f.respondBy;
    c.paused = responseClockStopped(f) ? 1 : 0;
  }
  if (openAtYearEnd(f)) k.push('open_ye');
  if (f.type === 'complaint' && f.respondedAt && f.outcome && ASSESSED.includes(f.outcome)) {
    k.push('assessed');
    if (f.category) k.push(`assessed_category:${f.category}`);
    if (JUSTIFIED.includes(f.outcome)) k.push('justified');
    if (JUSTIFIED.includes(f.outcome) && f.category) k.push(`justified_category:${f.category}`);
  }
  const days = responseWorkingDays(f);
  if (days !== undefined) k.push(`days:${days}`);
  return c;
}

/**
 * The case part of every unit's tally for a year, from the counts the report projection keeps by delta and the
 * cases with a deadline still open: a few hundred rows however many cases the year has.
 */
export function caseTalliesFromReadModel(rm: ReadModelStore, year: number, now: Date, unitIds?: string[]): Map<string, Tally> {
  const at = now.toISOString();
  const scope = unitCondition(unitIds);
  const tallies = new Map<string, { t: Tally; n: Map<string, number>; ackLate: number; respLate: number }>();
  const tallyOf = (unitId: string) => {
    let x = tallies.get(unitId);
    if (!x) tallies.set(unitId, (x = { t: emptyTally(), n: new Map(), ackLate: 0, respLate: 0 }));
    return x;
  };
  for (const r of rm.all<CaseCountRow>(
    `SELECT unit_id, key, n FROM report_case_counts WHERE year = ? AND n <> 0${scope.sql}`,
    year,
    ...scope.params,
  )) {
    tallyOf(r.unit_id).n.set(r.key, r.n);
  }
  for (const r of rm.all<{ unit_id: string; ack: number; resp: number }>(
    `SELECT unit_id, SUM(ack_by IS NOT NULL AND ? > ack_by) AS ack, SUM(resp_by IS NOT NULL AND paused = 0 AND ? > resp_by) AS resp
     FROM report_case_pending WHERE year = ?${scope.sql} GROUP BY unit_id`,
    at,
    at,
    year,
    ...scope.params,
  )) {
    const x = tallyOf(r.unit_id);
    x.ackLate = r.ack;
    x.respLate = r.resp;
  }
  const out = new Map<string, Tally>();
  for (const [unitId, { t, n, ackLate, respLate }] of tallies) {
    const get = (key: string) => n.get(key) ?? 0;
    const f = t.figures;
    for (const [key, count] of n) {
      const [kind, value] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
      if (kind === 'type') f.casesByType[value as keyof typeof f.casesByType] = count;
      else if (kind === 'channel') f.casesByChannel[value] = count;
      else if (kind === 'category') f.casesByCategory[value] = count;
      else if (kind === 'complaint_category') f.complaintsByCategory[value] = count;
      else if (kind === 'assessed_category') t.byCategory.assessed[value] = count;
      else if (kind === 'justified_category') t.byCategory.justified[value] = count;
      else if (kind === 'days') for (let i = 0; i < count; i++) t.responseDays.push(Number(value));
    }
    f.acknowledgedOnTime = ratio(get('ack_on'), get('ack_done') + ackLate);
    f.respondedOnTime = ratio(get('resp_on'), get('resp_done') + respLate);
    f.openAtYearEnd = get('open_ye');
    t.assessedComplaints = get('assessed');
    t.justified = get('justified');
    out.set(unitId, t);
  }
  return out;
}
