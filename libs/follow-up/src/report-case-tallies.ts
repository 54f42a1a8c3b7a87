import { ReadModelStore } from '@app/projections';
import { emptyTally, ratio, Tally } from './yearly-figures';

/**
 * The case part of every unit's tally for a year, aggregated in SQL over the report_cases columns, so the live
 * report stays fast on a large district (report_case_figures holds only these columns). It applies the same definitions as tallyCases (the in-memory fold that
 * as-of replays use); a test checks that the two agree. `paused` is 1 only while the response clock is stopped (a pause begun
 * at or before respondBy, see responseClockStopped): a case paused after its deadline is late and counts.
 */
export function caseTalliesFromReadModel(rm: ReadModelStore, year: number, now: Date, unitIds?: string[]): Map<string, Tally> {
  const at = now.toISOString();
  const scope = unitIds ? ` AND unit_id IN (${unitIds.map(() => '?').join(', ') || "''"})` : '';
  const params = [year, ...(unitIds ?? [])];
  const tallies = new Map<string, Tally>();
  const tallyOf = (unitId: string) => {
    let t = tallies.get(unitId);
    if (!t) tallies.set(unitId, (t = emptyTally()));
    return t;
  };
  const where = `FROM report_case_figures WHERE year = ? AND merged = 0${scope}`;
  const rows = rm.all<Record<string, number> & { unit_id: string }>(
    `SELECT unit_id,
       SUM(type = 'complaint') AS complaint, SUM(type = 'opinion') AS opinion, SUM(type = 'praise') AS praise, SUM(type = 'idea') AS idea,
       SUM(acknowledged_at IS NOT NULL OR ? > acknowledge_by) AS ack_of,
       SUM(acknowledged_at IS NOT NULL AND acknowledged_at <= acknowledge_by) AS ack_on,
       SUM(needs_response = 1 AND (responded_at IS NOT NULL OR (? > respond_by AND paused = 0))) AS resp_of,
       SUM(needs_response = 1 AND responded_at IS NOT NULL AND responded_at <= respond_by) AS resp_on,
       SUM(open_at_year_end) AS open_ye,
       SUM(type = 'complaint' AND responded_at IS NOT NULL AND outcome IN ('justified', 'partly_justified', 'unjustified')) AS assessed,
       SUM(type = 'complaint' AND responded_at IS NOT NULL AND outcome IN ('justified', 'partly_justified')) AS justified
     ${where} GROUP BY unit_id`,
    at,
    at,
    ...params,
  );
  for (const r of rows) {
    const t = tallyOf(r.unit_id);
    t.figures.casesByType = { complaint: r.complaint, opinion: r.opinion, praise: r.praise, idea: r.idea };
    t.figures.acknowledgedOnTime = ratio(r.ack_on, r.ack_of);
    t.figures.respondedOnTime = ratio(r.resp_on, r.resp_of);
    t.figures.openAtYearEnd = r.open_ye;
    t.assessedComplaints = r.assessed;
    t.justified = r.justified;
  }
  for (const r of rm.all<{ unit_id: string; channel: string; n: number }>(
    `SELECT unit_id, channel, COUNT(*) AS n ${where} GROUP BY unit_id, channel`,
    ...params,
  )) {
    tallyOf(r.unit_id).figures.casesByChannel[r.channel] = r.n;
  }
  for (const r of rm.all<{ unit_id: string; category: string; n: number }>(
    `SELECT unit_id, category, COUNT(*) AS n ${where} AND category IS NOT NULL GROUP BY unit_id, category`,
    ...params,
  )) {
    tallyOf(r.unit_id).figures.casesByCategory[r.category] = r.n;
  }
  for (const r of rm.all<{ unit_id: string; d: number }>(
    `SELECT unit_id, response_days AS d ${where} AND response_days IS NOT NULL`,
    ...params,
  )) {
    tallyOf(r.unit_id).responseDays.push(r.d);
  }
  return tallies;
}
