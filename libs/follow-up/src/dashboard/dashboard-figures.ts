import { remedyOverdue, stockholmDate } from '@app/core';
import { BreachFact, CaseFact, GuaranteeFact } from '../report-facts/report-facts';
import { Ratio, tallyCases } from '../yearly-report/tally';

export interface MonthOnTime {
  /** 1–12, the month of receipt (Stockholm time). */
  month: number;
  received: number;
  acknowledgedOnTime: Ratio;
  respondedOnTime: Ratio;
}

/** The year's on-time shares month by month; each month applies the yearly report's own definitions to its cases. */
export function onTimeByMonth(cases: CaseFact[], year: number, now: Date): MonthOnTime[] {
  const byMonth: CaseFact[][] = Array.from({ length: 12 }, () => []);
  for (const c of cases) {
    if (c.year === year) byMonth[Number(stockholmDate(c.receivedAt).slice(5, 7)) - 1].push(c);
  }
  return byMonth.map((monthCases, i) => {
    const f = tallyCases(year, now, monthCases).figures;
    const received = Object.values(f.casesByType).reduce((a, b) => a + b, 0);
    return { month: i + 1, received, acknowledgedOnTime: f.acknowledgedOnTime, respondedOnTime: f.respondedOnTime };
  });
}

export interface CommitmentFigures {
  unitId: string;
  guaranteeId: string;
  commitmentId: string;
  /** Adopted for the year (only these count in the fulfilment). */
  adopted: boolean;
  /** No confirmed breach in the year. */
  kept: boolean;
  breaches: { reported: number; confirmed: number; rejected: number; undecided: number };
  remedies: { planned: number; completed: number; completedOnTime: number; overdue: number };
}

const confirmed = (b: BreachFact) => b.status === 'confirmed' || b.status === 'remedied';

/**
 * Breaches and remedies of the year per commitment, with the same counting as the yearly report;
 * `today` (YYYY-MM-DD, Stockholm) decides which planned remedies are overdue, as the breach list does.
 */
export function commitmentFigures(guarantees: GuaranteeFact[], breaches: BreachFact[], year: number, today: string): CommitmentFigures[] {
  const rows = new Map<string, CommitmentFigures>();
  const row = (unitId: string, guaranteeId: string, commitmentId: string, adopted: boolean) => {
    const key = `${guaranteeId}/${commitmentId}`;
    let r = rows.get(key);
    if (!r) {
      r = {
        unitId,
        guaranteeId,
        commitmentId,
        adopted,
        kept: true,
        breaches: { reported: 0, confirmed: 0, rejected: 0, undecided: 0 },
        remedies: { planned: 0, completed: 0, completedOnTime: 0, overdue: 0 },
      };
      rows.set(key, r);
    }
    return r;
  };
  for (const g of guarantees.filter((x) => x.year === year)) {
    for (const id of new Set(g.versions.filter((v) => v.adopted).flatMap((v) => v.commitmentIds))) row(g.unitId, g.id, id, true);
  }
  for (const b of breaches.filter((x) => x.year === year)) {
    const r = row(b.unitId, b.guaranteeId, b.commitmentId, false);
    r.breaches.reported++;
    if (confirmed(b)) {
      r.breaches.confirmed++;
      r.kept = false;
    } else if (b.status === 'rejected') r.breaches.rejected++;
    else r.breaches.undecided++;
    for (const m of b.remedies) {
      r.remedies.planned++;
      if (m.completedAt) {
        r.remedies.completed++;
        if (stockholmDate(m.completedAt) <= m.dueOn) r.remedies.completedOnTime++;
      } else if (remedyOverdue({ status: 'planned', dueOn: m.dueOn }, today)) r.remedies.overdue++;
    }
  }
  // Stable sort: within a guarantee the commitments keep the order the board adopted them in.
  return [...rows.values()].sort((a, b) => a.unitId.localeCompare(b.unitId, 'sv') || a.guaranteeId.localeCompare(b.guaranteeId));
}
