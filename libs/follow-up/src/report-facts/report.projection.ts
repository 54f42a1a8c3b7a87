import { Projection, ProjectionTx, ScopedState } from '@app/projections';
import { REPORT_SNAPSHOT_EVERY, REPORT_SNAPSHOTS_COLUMNS, SnapshotKind } from '../report-snapshots/snapshot-cuts';
import { noSnapshots, Snapshots, SnapshotWriter } from '../report-snapshots/snapshot-writer';
import { applyReportEvent } from './apply-report-event';
import { BreachFact, CaseFact, FactStore, GuaranteeFact, REPORT_EVENT_PREFIXES, UnitFact } from './report-facts';
import { CaseContribution, caseContribution } from './report-case-tallies';

export const REPORT_PROJECTION = 'report-facts';

/** A row of report_cases, report_breaches, report_guarantees or report_units as its queries read it: the fact as JSON. */
export interface FactRow {
  fact: string;
}

/** A row of report_case_counts: how many of a unit's cases of the year have the key (see caseContribution). */
export interface CaseCountRow {
  unit_id: string;
  key: string;
  n: number;
}

/**
 * The facts behind the yearly figures, one JSON row per case, breach, guarantee and unit, and their snapshots cut every
 * `snapshotEvery` positions (see report-snapshots; a test cuts a small log more often); null: no snapshots.
 */
export function reportFactsProjection(snapshotEvery: number | null = REPORT_SNAPSHOT_EVERY): Projection {
  /** The facts of each open unit of work (see TransactionFacts and ProjectionTx.scope). */
  const open = new ScopedState((tx) => new TransactionFacts(tx, snapshotEvery));
  return {
    name: REPORT_PROJECTION,
    // 7: the snapshots (report_snapshots) came in; 8: every working day paused before the first response is left out of
    // the response time (a pause begun after respondBy was counted in it); 9: units keep their former names
    version: 9,
    // a fact per case, breach, guarantee and unit, from its own stream; the counts add up over cases
    partitioned: { sums: { report_case_counts: { key: ['unit_id', 'year', 'key'], add: ['n'] } } },
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
      // The facts as they stood at each cut (see report-snapshots), for asOf reads: they go with the generation.
      report_snapshots: REPORT_SNAPSHOTS_COLUMNS,
    },
    indexes: {
      // one index serves both reads, a unit's cases and a year's cases of some units: building each costs a rebuild a scan of every fact
      report_cases: ['unit_id, year'],
      report_case_pending: ['year, unit_id'],
      report_breaches: ['year, unit_id'],
      report_guarantees: ['year, unit_id'],
      // the cuts an asOf read chooses from
      report_snapshots: ['cut'],
    },
    apply(tx, event) {
      const facts = open.of(tx);
      facts.snapshots.at(event.position);
      applyReportEvent(facts, event);
    },
    flush(tx) {
      open.end(tx)?.flush(tx);
    },
  };
}

export const reportProjection: Projection = reportFactsProjection();

/** Count deltas by unit and year, then by key. */
type CountDeltas = Map<string, { unitId: string; year: number; n: Map<string, number> }>;

/** Adds `sign` × the contribution's keys to the deltas of its unit and year. */
function addContribution(deltas: CountDeltas, c: CaseContribution | undefined, sign: 1 | -1): void {
  if (!c) return;
  const unitYear = `${c.unitId}\u0000${c.year}`;
  let d = deltas.get(unitYear);
  if (!d) deltas.set(unitYear, (d = { unitId: c.unitId, year: c.year, n: new Map() }));
  for (const key of c.keys) d.n.set(key, (d.n.get(key) ?? 0) + sign);
}

type Table = 'report_cases' | 'report_breaches' | 'report_guarantees' | 'report_units';
const KIND: Record<Table, SnapshotKind> = { report_cases: 'c', report_breaches: 'b', report_guarantees: 'g', report_units: 'u' };
type Fact = { id: string; unitId?: string; year?: number };

/**
 * The facts of one unit of work (a live batch, or a run of rebuild pages), kept in memory while its events apply and
 * written once at its end: a case's five events cost one row write, not five. Gone with a rolled-back transaction;
 * used for one unit of work only (flush is its last call).
 */
class TransactionFacts implements FactStore {
  private readonly loaded = new Map<string, Fact | undefined>();
  private readonly dirty = new Map<string, { table: Table; fact: Fact }>();
  /** What each case added up to when this transaction first read it (absent for a case it registered). */
  private readonly before = new Map<string, CaseContribution | undefined>();
  /** Cases registered in this unit of work: inserted with a plain INSERT, so a fact stored under the id fails the flush. */
  private readonly created = new Set<string>();
  readonly snapshots: Snapshots;

  constructor(
    private readonly tx: ProjectionTx,
    snapshotEvery: number | null,
  ) {
    this.snapshots = snapshotEvery === null ? noSnapshots : new SnapshotWriter(tx, snapshotEvery);
  }

  private get<T extends Fact>(table: Table, id: string): T | undefined {
    const key = `${table}/${id}`;
    if (this.loaded.has(key)) {
      const fact = this.loaded.get(key);
      this.snapshots.carry(key, KIND[table], id, fact); // before the event changes it in place
      return fact as T | undefined;
    }
    const row = this.tx.get<FactRow>(`SELECT fact FROM ${this.tx.table(table)} WHERE id = ?`, id);
    const fact = row ? (JSON.parse(row.fact) as T) : undefined;
    this.loaded.set(key, fact);
    if (table === 'report_cases') this.before.set(id, fact && caseContribution(fact as unknown as CaseFact));
    return fact;
  }

  private put(table: Table, fact: Fact): void {
    const key = `${table}/${fact.id}`;
    if (table === 'report_cases' && !this.loaded.has(key)) this.get(table, fact.id); // so `before` holds the stored case
    this.snapshots.carry(key, KIND[table], fact.id, this.loaded.get(key));
    this.snapshots.changed(key);
    this.loaded.set(key, fact);
    this.dirty.set(key, { table, fact });
  }

  getCase = (id: string) => this.get<CaseFact>('report_cases', id);
  putCase = (f: CaseFact) => this.put('report_cases', f);
  /** No stored fact to read first (a rebuild registers every case into an empty table); one stored under the id fails the flush. */
  addCase = (f: CaseFact) => {
    const key = `report_cases/${f.id}`;
    if (this.loaded.get(key)) throw new Error(`report_cases: a fact for case ${f.id} exists already`);
    this.before.set(f.id, undefined);
    this.created.add(f.id);
    this.snapshots.changed(key);
    this.loaded.set(key, f);
    this.dirty.set(key, { table: 'report_cases', fact: f });
  };
  getBreach = (id: string) => this.get<BreachFact>('report_breaches', id);
  putBreach = (f: BreachFact) => this.put('report_breaches', f);
  getGuarantee = (id: string) => this.get<GuaranteeFact>('report_guarantees', id);
  putGuarantee = (f: GuaranteeFact) => this.put('report_guarantees', f);
  getUnit = (id: string) => this.get<UnitFact>('report_units', id);
  putUnit = (f: UnitFact) => this.put('report_units', f);

  flush(tx: ProjectionTx): void {
    // What the transaction's cases changed in their units' counts, summed: one upsert per unit, year and key.
    const deltas: CountDeltas = new Map();
    for (const [key, { table, fact }] of this.dirty) {
      const json = JSON.stringify(fact);
      this.snapshots.flush(key, KIND[table], fact.id, json);
      if (table === 'report_units') {
        tx.run(`INSERT OR REPLACE INTO ${tx.table(table)} (id, fact) VALUES (?, ?)`, fact.id, json);
        continue;
      }
      const verb = table === 'report_cases' && this.created.has(fact.id) ? 'INSERT' : 'INSERT OR REPLACE';
      tx.run(`${verb} INTO ${tx.table(table)} (id, unit_id, year, fact) VALUES (?, ?, ?, ?)`, fact.id, fact.unitId, fact.year, json);
      if (table === 'report_cases') this.flushCase(tx, fact as unknown as CaseFact, deltas);
    }
    for (const { unitId, year, n } of deltas.values()) {
      for (const [key, delta] of n) {
        if (delta === 0) continue;
        tx.run(
          `INSERT INTO ${tx.table('report_case_counts')} (unit_id, year, key, n) VALUES (?, ?, ?, ?)
           ON CONFLICT (unit_id, year, key) DO UPDATE SET n = n + excluded.n`,
          unitId,
          year,
          key,
          delta,
        );
        // A count back at 0 leaves no row, however the events were grouped into units of work (live, rebuild, threads).
        if (delta < 0)
          tx.run(`DELETE FROM ${tx.table('report_case_counts')} WHERE unit_id = ? AND year = ? AND key = ? AND n = 0`, unitId, year, key);
      }
    }
  }

  private flushCase(tx: ProjectionTx, f: CaseFact, deltas: CountDeltas): void {
    const old = this.before.get(f.id);
    const now = caseContribution(f);
    addContribution(deltas, old, -1);
    addContribution(deltas, now, 1);
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
  }
}
