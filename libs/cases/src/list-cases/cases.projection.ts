import { stockholmYear } from '@app/core';
import { Projection } from '@app/projections';
import { CaseEvent } from '../case.events';

export const CASES_PROJECTION = 'cases';

/** The case list: one row per case with what lists, filters and deadlines need (no personal data). */
export const casesProjection: Projection = {
  name: CASES_PROJECTION,
  version: 1,
  filter: { streamPrefix: 'case-' },
  tables: {
    cases: `id TEXT PRIMARY KEY, reference TEXT NOT NULL, type TEXT NOT NULL, channel TEXT NOT NULL, unit_id TEXT NOT NULL,
      category TEXT, status TEXT NOT NULL, confidential INTEGER NOT NULL, needs_response INTEGER NOT NULL, year INTEGER NOT NULL,
      received_at TEXT NOT NULL, registered_at TEXT NOT NULL, acknowledge_by TEXT NOT NULL, respond_by TEXT NOT NULL,
      acknowledged_at TEXT, responded_at TEXT, closed_at TEXT, paused_since TEXT, resolution TEXT, outcome TEXT,
      merged_into TEXT, breach_id TEXT, assignee TEXT`,
  },
  indexes: { cases: ['unit_id, status', 'year', 'received_at', 'reference'] },
  apply(tx, recorded) {
    const e = recorded as unknown as CaseEvent;
    const t = tx.table('cases');
    const set = (assignments: string, ...values: unknown[]) =>
      tx.run(`UPDATE ${t} SET ${assignments} WHERE id = ?`, ...values, e.data.caseId);
    switch (e.type) {
      case 'CaseRegistered.v1': {
        const d = e.data;
        tx.run(
          `INSERT INTO ${t} (id, reference, type, channel, unit_id, category, status, confidential, needs_response, year, received_at, registered_at, acknowledge_by, respond_by)
             VALUES (?, ?, ?, ?, ?, ?, 'received', ?, ?, ?, ?, ?, ?, ?)`,
          d.caseId,
          d.reference,
          d.type,
          d.channel,
          d.unitId,
          d.category ?? null,
          d.confidential ? 1 : 0,
          d.needsResponse ? 1 : 0,
          stockholmYear(d.receivedAt),
          d.receivedAt,
          d.registeredAt,
          d.acknowledgeBy,
          d.respondBy,
        );
        break;
      }
      case 'CaseAcknowledged.v1':
        set(
          "acknowledged_at = COALESCE(acknowledged_at, ?), status = CASE WHEN status IN ('received', 'transferred') THEN 'acknowledged' ELSE status END",
          e.data.at,
        );
        break;
      case 'CaseAssigned.v1':
        set("status = 'in_progress', assignee = ?", e.data.assignee);
        break;
      case 'CaseTransferred.v1':
        set("status = 'transferred', unit_id = ?, assignee = NULL", e.data.toUnitId);
        break;
      case 'ComplainantAsked.v1':
        set("status = 'awaiting_complainant', paused_since = ?", e.data.at);
        break;
      case 'CaseResumed.v1':
        set('status = ?, paused_since = NULL, respond_by = ?', e.data.status, e.data.respondBy);
        break;
      case 'CaseResponded.v1':
        set(
          "status = 'responded', responded_at = COALESCE(responded_at, ?), outcome = COALESCE(?, outcome)",
          e.data.at,
          e.data.outcome ?? null,
        );
        break;
      case 'CaseClosed.v1':
        set("status = 'closed', resolution = ?, closed_at = ?", e.data.resolution, e.data.at);
        break;
      case 'CaseReopened.v1':
        set("status = 'reopened', resolution = NULL, closed_at = NULL");
        break;
      case 'CaseMerged.v1':
        set("status = 'closed', resolution = 'duplicate', merged_into = ?, closed_at = ?", e.data.intoCaseId, e.data.at);
        break;
      case 'CaseUnmerged.v1':
        set('status = ?, resolution = NULL, merged_into = NULL, closed_at = NULL', e.data.status);
        break;
      case 'CaseBreachLinked.v1':
        set('breach_id = ?', e.data.breachId);
        break;
    }
  },
};
