import { Projection, ProjectionTx } from '@app/projections';
import {
  applyReportEvent,
  BreachFact,
  CaseFact,
  FactStore,
  GuaranteeFact,
  REPORT_EVENT_PREFIXES,
  responseClockStopped,
  responseWorkingDays,
  UnitFact,
} from './report-facts';
import { openAtYearEnd } from './yearly-figures';

export const REPORT_PROJECTION = 'report-facts';

/** The facts behind the yearly figures, one JSON row per case, breach, guarantee and unit. */
export const reportProjection: Projection = {
  name: REPORT_PROJECTION,
  version: 4,
  filter: { streamPrefix: REPORT_EVENT_PREFIXES },
  tables: {
    report_cases: 'id TEXT PRIMARY KEY, unit_id TEXT NOT NULL, year INTEGER NOT NULL, fact TEXT NOT NULL',
    // The columns the yearly figures aggregate in SQL, narrow (no JSON) so a year's scan reads few pages.
    // paused = 1 while the response clock is stopped (a pause begun by respondBy: see responseClockStopped).
    report_case_figures: `id TEXT PRIMARY KEY, unit_id TEXT NOT NULL, year INTEGER NOT NULL,
      type TEXT NOT NULL, channel TEXT NOT NULL, category TEXT, merged INTEGER NOT NULL, acknowledged_at TEXT, acknowledge_by TEXT NOT NULL,
      responded_at TEXT, respond_by TEXT NOT NULL, needs_response INTEGER NOT NULL, paused INTEGER NOT NULL, response_days INTEGER,
      outcome TEXT, open_at_year_end INTEGER NOT NULL`,
    report_breaches: 'id TEXT PRIMARY KEY, unit_id TEXT NOT NULL, year INTEGER NOT NULL, fact TEXT NOT NULL',
    report_guarantees: 'id TEXT PRIMARY KEY, unit_id TEXT NOT NULL, year INTEGER NOT NULL, fact TEXT NOT NULL',
    report_units: 'id TEXT PRIMARY KEY, fact TEXT NOT NULL',
  },
  indexes: {
    report_cases: ['year, unit_id', 'unit_id'],
    report_case_figures: ['year, unit_id'],
    report_breaches: ['year, unit_id'],
    report_guarantees: ['year, unit_id'],
  },
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
    putCase: (f) => {
      put('report_cases', f);
      tx.run(
        `INSERT OR REPLACE INTO ${tx.table('report_case_figures')} (id, unit_id, year, type, channel, category, merged, acknowledged_at, acknowledge_by,
           responded_at, respond_by, needs_response, paused, response_days, outcome, open_at_year_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        f.id,
        f.unitId,
        f.year,
        f.type,
        f.channel,
        f.category ?? null,
        f.mergedInto ? 1 : 0,
        f.acknowledgedAt ?? null,
        f.acknowledgeBy,
        f.respondedAt ?? null,
        f.respondBy,
        f.needsResponse ? 1 : 0,
        responseClockStopped(f) ? 1 : 0,
        responseWorkingDays(f) ?? null,
        f.outcome ?? null,
        openAtYearEnd(f) ? 1 : 0,
      );
    },
    getBreach: (id) => get<BreachFact>('report_breaches', id),
    putBreach: (f) => void put('report_breaches', f),
    getGuarantee: (id) => get<GuaranteeFact>('report_guarantees', id),
    putGuarantee: (f) => void put('report_guarantees', f),
    getUnit: (id) => get<UnitFact>('report_units', id),
    putUnit: (f) => void tx.run(`INSERT OR REPLACE INTO ${tx.table('report_units')} (id, fact) VALUES (?, ?)`, f.id, JSON.stringify(f)),
  };
}
