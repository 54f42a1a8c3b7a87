import { stockholmYear } from '@app/core';
import { columnsOf, Projection, RowCache, ScopedState } from '@app/projections';
import { CaseEvent } from '../case.events';

export const CASES_PROJECTION = 'cases';

/** A row of the cases table, as the projection writes it and its queries read it. */
export type CaseRow = {
  id: string;
  reference: string;
  type: string;
  channel: string;
  unit_id: string;
  category: string | null;
  status: string;
  confidential: number;
  needs_response: number;
  year: number;
  received_at: string;
  registered_at: string;
  acknowledge_by: string;
  respond_by: string;
  acknowledged_at: string | null;
  responded_at: string | null;
  closed_at: string | null;
  paused_since: string | null;
  resolution: string | null;
  outcome: string | null;
  merged_into: string | null;
  breach_id: string | null;
  assignee: string | null;
  /** The latest delay notice's business time and the date it named (FL 11 §: see needsDelayNoticeAt). */
  delay_notice_at: string | null;
  delay_notice_respond_by: string | null;
};

/** The case list: one row per case with what lists, filters and deadlines need (no personal data). */
export const casesProjection: Projection = {
  name: CASES_PROJECTION,
  // 2: the latest delay notice (delay_notice_at, delay_notice_respond_by) for the FL 11 § worklist; rebuilds on start
  version: 2,
  partitioned: {}, // a row per case, from its own stream
  filter: { streamPrefix: 'case-' },
  tables: {
    cases: `id TEXT PRIMARY KEY, reference TEXT NOT NULL, type TEXT NOT NULL, channel TEXT NOT NULL, unit_id TEXT NOT NULL,
      category TEXT, status TEXT NOT NULL, confidential INTEGER NOT NULL, needs_response INTEGER NOT NULL, year INTEGER NOT NULL,
      received_at TEXT NOT NULL, registered_at TEXT NOT NULL, acknowledge_by TEXT NOT NULL, respond_by TEXT NOT NULL,
      acknowledged_at TEXT, responded_at TEXT, closed_at TEXT, paused_since TEXT, resolution TEXT, outcome TEXT,
      merged_into TEXT, breach_id TEXT, assignee TEXT, delay_notice_at TEXT, delay_notice_respond_by TEXT`,
  },
  indexes: { cases: ['unit_id, status', 'year', 'received_at', 'reference'] },
  apply(tx, recorded) {
    const e = recorded as unknown as CaseEvent;
    const rows = open.of(tx);
    const set = (change: (row: CaseRow) => void) => rows.update(tx, e.data.caseId, change);
    switch (e.type) {
      case 'CaseRegistered.v1': {
        const d = e.data;
        rows.insert(tx, {
          id: d.caseId,
          reference: d.reference,
          type: d.type,
          channel: d.channel,
          unit_id: d.unitId,
          category: d.category ?? null,
          status: 'received',
          confidential: d.confidential ? 1 : 0,
          needs_response: d.needsResponse ? 1 : 0,
          year: stockholmYear(d.receivedAt),
          received_at: d.receivedAt,
          registered_at: d.registeredAt,
          acknowledge_by: d.acknowledgeBy,
          respond_by: d.respondBy,
          acknowledged_at: null,
          responded_at: null,
          closed_at: null,
          paused_since: null,
          resolution: null,
          outcome: null,
          merged_into: null,
          breach_id: null,
          assignee: null,
          delay_notice_at: null,
          delay_notice_respond_by: null,
        });
        break;
      }
      case 'CaseAcknowledged.v1':
        set((r) => {
          r.acknowledged_at ??= e.data.at;
          if (r.status === 'received' || r.status === 'transferred') r.status = 'acknowledged';
        });
        break;
      case 'CaseAssigned.v1':
        set((r) => Object.assign(r, { status: 'in_progress', assignee: e.data.assignee }));
        break;
      case 'CaseTransferred.v1':
        set((r) => Object.assign(r, { status: 'transferred', unit_id: e.data.toUnitId, assignee: null }));
        break;
      case 'ComplainantAsked.v1':
        set((r) => Object.assign(r, { status: 'awaiting_complainant', paused_since: e.data.at }));
        break;
      case 'CaseResumed.v1':
        set((r) => Object.assign(r, { status: e.data.status, paused_since: null, respond_by: e.data.respondBy }));
        break;
      case 'CaseResponded.v1':
        set((r) => {
          r.status = 'responded';
          r.responded_at ??= e.data.at;
          r.outcome = e.data.outcome ?? r.outcome;
        });
        break;
      case 'DelayNoticeSent.v1':
        set((r) => Object.assign(r, { delay_notice_at: e.data.at, delay_notice_respond_by: e.data.newRespondBy ?? null }));
        break;
      case 'CaseClosed.v1':
        set((r) => Object.assign(r, { status: 'closed', resolution: e.data.resolution, closed_at: e.data.at }));
        break;
      case 'CaseReopened.v1':
        set((r) => Object.assign(r, { status: 'reopened', resolution: null, closed_at: null }));
        break;
      case 'CaseMerged.v1':
        set((r) => Object.assign(r, { status: 'closed', resolution: 'duplicate', merged_into: e.data.intoCaseId, closed_at: e.data.at }));
        break;
      case 'CaseUnmerged.v1':
        set((r) => Object.assign(r, { status: e.data.status, resolution: null, merged_into: null, closed_at: null }));
        break;
      case 'CaseBreachLinked.v1':
        set((r) => (r.breach_id = e.data.breachId));
        break;
      case 'CaseRecategorised.v1':
        set((r) => (r.category = e.data.category));
        break;
    }
  },
  flush(tx) {
    open.end(tx)?.flush(tx);
  },
};

const COLUMNS = columnsOf(casesProjection.tables.cases);
/** The case rows a unit of work touched (see RowCache): written once at its end. */
const open = new ScopedState((tx) => new RowCache<CaseRow>(tx, 'cases', COLUMNS));
