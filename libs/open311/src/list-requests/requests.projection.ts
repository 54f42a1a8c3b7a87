import type { CaseEvent, CaseType } from '@app/cases';
import { columnsOf, Projection, ProjectionTx, RowCache, ScopedState } from '@app/projections';
import { noteOf, PublicNote } from '../public-history';

export const OPEN311_REQUESTS_PROJECTION = 'open311-requests';

/** A row of open311_requests, as the projection writes it and requests.json reads it. */
export type RequestRow = {
  id: string;
  reference: string;
  unit_id: string;
  type: CaseType;
  status: string;
  resolution: string | null;
  merged_into_reference: string | null;
  needs_response: number;
  received_at: string;
  updated_at: string;
  respond_by: string;
  /** 1: filed through Open311 with a place, so a rounded position is derived at read time. */
  located: number;
  erased: number;
  /** The public notes, a JSON array in the order of the case's events. */
  notes: string;
};

/**
 * The public face of cases for GET requests.json: no personal data (projections read the log sealed anyway) and no
 * confidential case at all — they are never inserted, so every later update and note finds no row and is dropped.
 * Not even a position: `located` only says that one may be shown (filed through Open311 with a place); the list
 * derives the rounded position from the case's registration at read time (see publicPosition).
 */
export const open311RequestsProjection: Projection = {
  name: OPEN311_REQUESTS_PROJECTION,
  // 2: the notes are a JSON column of the request row (one write per case, not one per note); 3: `located`, not lat/long;
  // 4: a note when the response was sent or printed (from the case's messages stream)
  version: 4,
  // a row per case, from its own stream and its messages stream (`messages-<caseId>` ends as `case-<caseId>` does: the same partition)
  partitioned: {},
  filter: { streamPrefix: ['case-', 'messages-'] },
  tables: {
    open311_requests: `id TEXT PRIMARY KEY, reference TEXT NOT NULL, unit_id TEXT NOT NULL, type TEXT NOT NULL, status TEXT NOT NULL,
      resolution TEXT, merged_into_reference TEXT, needs_response INTEGER NOT NULL, received_at TEXT NOT NULL, updated_at TEXT NOT NULL,
      respond_by TEXT NOT NULL, located INTEGER NOT NULL DEFAULT 0, erased INTEGER NOT NULL DEFAULT 0, notes TEXT NOT NULL`,
  },
  indexes: { open311_requests: ['received_at', 'reference', 'unit_id, type'] },
  apply(tx, recorded) {
    const e = recorded as unknown as CaseEvent;
    const work = open.of(tx);
    const caseId = e.data.caseId;
    const updatedAt = recorded.metadata.recordedAt;
    if (recorded.streamId.startsWith('messages-')) {
      // A delivery changes no status: only the note that the response was sent, if it was one.
      const delivered = noteOf(recorded);
      if (delivered) work.addNote(tx, caseId, delivered);
      return;
    }
    if (e.type === 'CaseRegistered.v1') {
      const d = e.data;
      if (d.confidential) return;
      work.requests.insert(tx, {
        id: caseId,
        reference: d.reference,
        unit_id: d.unitId,
        type: d.type,
        status: 'received',
        resolution: null,
        merged_into_reference: null,
        needs_response: d.needsResponse ? 1 : 0,
        received_at: d.receivedAt,
        updated_at: updatedAt,
        respond_by: d.respondBy,
        // the location may be sealed whole (an envelope): only its presence counts here
        located: d.channel === 'open311' && d.location ? 1 : 0,
        erased: 0,
        notes: '[]',
      });
    } else {
      // Every later event moves updated_at; most change the status too. A confidential case has no row: dropped.
      work.requests.update(tx, caseId, (r) => {
        r.updated_at = updatedAt;
        switch (e.type) {
          case 'CaseAcknowledged.v1':
            if (r.status === 'received' || r.status === 'transferred') r.status = 'acknowledged';
            break;
          case 'CaseAssigned.v1':
            r.status = 'in_progress';
            break;
          case 'CaseTransferred.v1':
            Object.assign(r, { status: 'transferred', unit_id: e.data.toUnitId });
            break;
          case 'ComplainantAsked.v1':
            r.status = 'awaiting_complainant';
            break;
          case 'CaseResumed.v1':
            Object.assign(r, { status: e.data.status, respond_by: e.data.respondBy });
            break;
          case 'CaseResponded.v1':
            r.status = 'responded';
            break;
          case 'CaseClosed.v1':
            Object.assign(r, { status: 'closed', resolution: e.data.resolution });
            break;
          case 'CaseReopened.v1':
            Object.assign(r, { status: 'reopened', resolution: null });
            break;
          case 'CaseMerged.v1':
            Object.assign(r, { status: 'closed', resolution: 'duplicate', merged_into_reference: e.data.intoReference });
            break;
          case 'CaseUnmerged.v1':
            Object.assign(r, { status: e.data.status, resolution: null, merged_into_reference: null });
            break;
          case 'PersonalDataErased.v1':
            Object.assign(r, { erased: 1, located: 0 });
            break;
        }
      });
    }
    const note = noteOf(e);
    if (note) work.addNote(tx, caseId, note);
  },
  flush(tx) {
    open.end(tx)?.flush(tx);
  },
};

const COLUMNS = columnsOf(open311RequestsProjection.tables.open311_requests);

/** The request rows a unit of work touched and their notes, parsed once (see RowCache): written at its end. */
class RequestsWork {
  readonly requests: RowCache<RequestRow>;
  private readonly notes = new Map<string, PublicNote[]>();

  constructor(tx: ProjectionTx) {
    this.requests = new RowCache<RequestRow>(tx, 'open311_requests', COLUMNS);
  }

  /** A note for a case with a row; a confidential case has none, and its notes are dropped. */
  addNote(tx: ProjectionTx, caseId: string, note: PublicNote): void {
    let notes = this.notes.get(caseId);
    if (!notes) {
      const row = this.requests.get(tx, caseId);
      if (!row) return;
      this.notes.set(caseId, (notes = JSON.parse(row.notes) as PublicNote[]));
    }
    notes.push(note);
  }

  flush(tx: ProjectionTx): void {
    for (const [caseId, notes] of this.notes) this.requests.update(tx, caseId, (r) => (r.notes = JSON.stringify(notes)));
    this.requests.flush(tx);
  }
}

const open = new ScopedState((tx) => new RequestsWork(tx));
