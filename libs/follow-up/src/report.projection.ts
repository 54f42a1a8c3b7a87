import { Projection, ProjectionTx } from '@app/projections';
import { applyReportEvent, BreachFact, CaseFact, FactStore, GuaranteeFact, REPORT_EVENT_PREFIXES, UnitFact } from './report-facts';

export const REPORT_PROJECTION = 'report-facts';

/** The facts behind the yearly figures, one JSON row per case, breach, guarantee and unit. */
export const reportProjection: Projection = {
  name: REPORT_PROJECTION,
  version: 1,
  filter: { streamPrefix: REPORT_EVENT_PREFIXES },
  tables: {
    report_cases: 'id TEXT PRIMARY KEY, unit_id TEXT NOT NULL, year INTEGER NOT NULL, fact TEXT NOT NULL',
    report_breaches: 'id TEXT PRIMARY KEY, unit_id TEXT NOT NULL, year INTEGER NOT NULL, fact TEXT NOT NULL',
    report_guarantees: 'id TEXT PRIMARY KEY, unit_id TEXT NOT NULL, year INTEGER NOT NULL, fact TEXT NOT NULL',
    report_units: 'id TEXT PRIMARY KEY, fact TEXT NOT NULL',
  },
  indexes: { report_cases: ['year, unit_id'], report_breaches: ['year, unit_id'], report_guarantees: ['year, unit_id'] },
  apply(tx, event) {
    applyReportEvent(sqliteFacts(tx), event);
  },
};

function sqliteFacts(tx: ProjectionTx): FactStore {
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
    getCase: (id) => get<CaseFact>('report_cases', id),
    putCase: (f) => void put('report_cases', f),
    getBreach: (id) => get<BreachFact>('report_breaches', id),
    putBreach: (f) => void put('report_breaches', f),
    getGuarantee: (id) => get<GuaranteeFact>('report_guarantees', id),
    putGuarantee: (f) => void put('report_guarantees', f),
    getUnit: (id) => get<UnitFact>('report_units', id),
    putUnit: (f) => void tx.run(`INSERT OR REPLACE INTO ${tx.table('report_units')} (id, fact) VALUES (?, ?)`, f.id, JSON.stringify(f)),
  };
}
