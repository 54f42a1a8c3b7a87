import { Projection, ProjectionTx } from '@app/projections';
import { applyReportEvent, BreachFact, CaseFact, FactStore, GuaranteeFact, REPORT_EVENT_PREFIXES, UnitFact } from './report-facts';
import { CaseContribution, caseContribution } from './report-case-tallies';

export const REPORT_PROJECTION = 'report-facts';

/** The facts behind the yearly figures, one JSON row per case, breach, guarantee and unit. */
export const reportProjection: Projection = {
  name: REPORT_PROJECTION,
  version: 5,
  filter: { streamPrefix: REPORT_EVENT_PREFIXES },
  tables: {
    report_cases: 'id TEXT PRIMARY KEY, unit_id TEXT NOT NULL, year INTEGER NOT NULL, fact TEXT NOT NULL',
    // What the cases of a unit and year add up to, kept by delta on every change (see caseContribution), so the live
    // report reads a few hundred rows however large the district; cases with a deadline still open are in report_case_pending.
    report_case_counts:
      'unit_id TEXT NOT NULL, year INTEGER NOT NULL, key TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (unit_id, year, key)',
    report_case_pending:
      'id TEXT PRIMARY KEY, unit_id TEXT NOT NULL, year INTEGER NOT NULL, ack_by TEXT, resp_by TEXT, paused INTEGER NOT NULL',
    report_breaches: 'id TEXT PRIMARY KEY, unit_id TEXT NOT NULL, year INTEGER NOT NULL, fact TEXT NOT NULL',
    report_guarantees: 'id TEXT PRIMARY KEY, unit_id TEXT NOT NULL, year INTEGER NOT NULL, fact TEXT NOT NULL',
    report_units: 'id TEXT PRIMARY KEY, fact TEXT NOT NULL',
  },
  indexes: {
    report_cases: ['year, unit_id', 'unit_id'],
    report_case_pending: ['year, unit_id'],
    report_breaches: ['year, unit_id'],
    report_guarantees: ['year, unit_id'],
  },
  apply(tx, event) {
    applyReportEvent(sqliteFacts(tx), event);
  },
};

/** Adds `sign` × the contribution's keys to its unit's counts, leaving out what `other` (same unit and year) cancels. */
function applyContribution(tx: ProjectionTx, c: CaseContribution | undefined, sign: 1 | -1, other: CaseContribution | undefined): void {
  if (!c) return;
  const cancels = other && other.unitId === c.unitId && other.year === c.year ? [...other.keys] : [];
  for (const key of c.keys) {
    const i = cancels.indexOf(key);
    if (i >= 0) {
      cancels.splice(i, 1);
      continue;
    }
    tx.run(
      `INSERT INTO ${tx.table('report_case_counts')} (unit_id, year, key, n) VALUES (?, ?, ?, ?)
       ON CONFLICT (unit_id, year, key) DO UPDATE SET n = n + excluded.n`,
      c.unitId,
      c.year,
      key,
      sign,
    );
  }
}

function sqliteFacts(tx: ProjectionTx): FactStore {
  const before = new Map<string, CaseContribution>();
  const get = <T>(table: string, id: string): T | undefined => {
    const row = tx.get<{ fact: string }>(`SELECT fact FROM ${tx.table(table)} WHERE id = ?`, id);
    return row ? (JSON.parse(row.fact) as T) : undefined;
  };
  const put = (table: string, f: { id: string; unitId: string; year: number }) =>
    tx.run(
      `INSERT OR REPLACE INTO ${tx.table(table)} (id, unit_id, year, fact) VALUES (?, ?, ?, ?)`,
      f.id,
      f.unitId,
      f.year,
      JSON.stringify(f),
    );
  return {
    getCase: (id) => {
      const f = get<CaseFact>('report_cases', id);
      // Taken before the caller changes the fact in place: what the case added up to until now.
      if (f) before.set(id, caseContribution(f));
      return f;
    },
    putCase: (f) => {
      const old =
        before.get(f.id) ??
        (() => {
          const stored = get<CaseFact>('report_cases', f.id);
          return stored && caseContribution(stored);
        })();
      put('report_cases', f);
      const now = caseContribution(f);
      applyContribution(tx, old, -1, now);
      applyContribution(tx, now, 1, old);
      before.set(f.id, now);
      if (now.ackBy || now.respBy) {
        tx.run(
          `INSERT OR REPLACE INTO ${tx.table('report_case_pending')} (id, unit_id, year, ack_by, resp_by, paused) VALUES (?, ?, ?, ?, ?, ?)`,
          f.id,
          now.unitId,
          now.year,
          now.ackBy,
          now.respBy,
          now.paused,
        );
      } else if (old?.ackBy || old?.respBy) tx.run(`DELETE FROM ${tx.table('report_case_pending')} WHERE id = ?`, f.id);
    },
    getBreach: (id) => get<BreachFact>('report_breaches', id),
    putBreach: (f) => void put('report_breaches', f),
    getGuarantee: (id) => get<GuaranteeFact>('report_guarantees', id),
    putGuarantee: (f) => void put('report_guarantees', f),
    getUnit: (id) => get<UnitFact>('report_units', id),
    putUnit: (f) => void tx.run(`INSERT OR REPLACE INTO ${tx.table('report_units')} (id, fact) VALUES (?, ?)`, f.id, JSON.stringify(f)),
  };
}
