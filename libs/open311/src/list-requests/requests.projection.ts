import { CaseEvent } from '@app/cases';
import { Projection } from '@app/projections';
import { noteOf } from '../public-history';

export const OPEN311_REQUESTS_PROJECTION = 'open311-requests';

/**
 * The public face of cases for GET requests.json: no personal data (projections read the log sealed anyway) and no
 * confidential case at all — they are never inserted, so every later update and note finds no row and is dropped.
 */
export const open311RequestsProjection: Projection = {
  name: OPEN311_REQUESTS_PROJECTION,
  version: 1,
  filter: { streamPrefix: 'case-' },
  tables: {
    open311_requests: `id TEXT PRIMARY KEY, reference TEXT NOT NULL, unit_id TEXT NOT NULL, type TEXT NOT NULL, status TEXT NOT NULL,
      resolution TEXT, merged_into_reference TEXT, needs_response INTEGER NOT NULL, received_at TEXT NOT NULL, updated_at TEXT NOT NULL,
      respond_by TEXT NOT NULL, lat REAL, long REAL, erased INTEGER NOT NULL DEFAULT 0`,
    open311_notes:
      'case_id TEXT NOT NULL, seq INTEGER NOT NULL, at TEXT NOT NULL, kind TEXT NOT NULL, detail TEXT, PRIMARY KEY (case_id, seq)',
  },
  indexes: { open311_requests: ['received_at', 'reference', 'unit_id, type'] },
  apply(tx, recorded) {
    const e = recorded as unknown as CaseEvent;
    const r = tx.table('open311_requests');
    const caseId = e.data.caseId;
    if (e.type === 'CaseRegistered.v1') {
      const d = e.data;
      if (d.confidential) return;
      const lat = typeof d.location?.lat === 'number' ? d.location.lat : null;
      const long = typeof d.location?.long === 'number' ? d.location.long : null;
      tx.run(
        `INSERT INTO ${r} (id, reference, unit_id, type, status, needs_response, received_at, updated_at, respond_by, lat, long)
           VALUES (?, ?, ?, ?, 'received', ?, ?, ?, ?, ?, ?)`,
        caseId,
        d.reference,
        d.unitId,
        d.type,
        d.needsResponse ? 1 : 0,
        d.receivedAt,
        recorded.metadata.recordedAt,
        d.respondBy,
        lat,
        long,
      );
    }
    // One UPDATE per event: its own change, if any, with updated_at.
    let change: [string, ...unknown[]] | undefined;
    const set = (assignments: string, ...values: unknown[]) => void (change = [assignments, ...values]);
    switch (e.type) {
      case 'CaseAcknowledged.v1':
        set("status = CASE WHEN status IN ('received', 'transferred') THEN 'acknowledged' ELSE status END");
        break;
      case 'CaseAssigned.v1':
        set("status = 'in_progress'");
        break;
      case 'CaseTransferred.v1':
        set("status = 'transferred', unit_id = ?", e.data.toUnitId);
        break;
      case 'ComplainantAsked.v1':
        set("status = 'awaiting_complainant'");
        break;
      case 'CaseResumed.v1':
        set('status = ?, respond_by = ?', e.data.status, e.data.respondBy);
        break;
      case 'CaseResponded.v1':
        set("status = 'responded'");
        break;
      case 'CaseClosed.v1':
        set("status = 'closed', resolution = ?", e.data.resolution);
        break;
      case 'CaseReopened.v1':
        set("status = 'reopened', resolution = NULL");
        break;
      case 'CaseMerged.v1':
        set("status = 'closed', resolution = 'duplicate', merged_into_reference = ?", e.data.intoReference);
        break;
      case 'CaseUnmerged.v1':
        set('status = ?, resolution = NULL, merged_into_reference = NULL', e.data.status);
        break;
      case 'PersonalDataErased.v1':
        set('erased = 1, lat = NULL, long = NULL');
        break;
    }
    if (e.type !== 'CaseRegistered.v1') {
      const [assignments, ...values] = change ?? [];
      tx.run(
        `UPDATE ${r} SET updated_at = ?${assignments ? `, ${assignments}` : ''} WHERE id = ?`,
        recorded.metadata.recordedAt,
        ...values,
        caseId,
      );
    }
    const note = noteOf(e);
    if (note) {
      tx.run(
        `INSERT INTO ${tx.table('open311_notes')} (case_id, seq, at, kind, detail)
           SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM ${r} WHERE id = ?)`,
        caseId,
        Number(recorded.revision),
        note.at,
        note.kind,
        note.detail ?? null,
        caseId,
      );
    }
  },
};
