import { Projection } from '@app/projections';
import { GuaranteeEvent } from '../guarantee.events';

export const GUARANTEES_PROJECTION = 'guarantees';

/** A row of the guarantees table, as the projection writes it and its queries read it. */
export interface GuaranteeRow {
  id: string;
  unit_id: string;
  year: number;
  /** The latest version's status; an adopted guarantee of a past year reads as expired. */
  status: 'draft' | 'adopted' | 'withdrawn';
  version: number;
  title: string;
  in_force_version: number | null;
  decided_on: string | null;
  decision_ref: string | null;
}

/** One row per guarantee (unit and year) with its latest version's status, plus every version's commitments. */
export const guaranteesProjection: Projection = {
  name: GUARANTEES_PROJECTION,
  version: 1,
  partitioned: {}, // a row per guarantee and its versions, from its own stream
  filter: { streamPrefix: 'guarantee-' },
  tables: {
    guarantees:
      'id TEXT PRIMARY KEY, unit_id TEXT NOT NULL, year INTEGER NOT NULL, status TEXT NOT NULL, version INTEGER NOT NULL, title TEXT NOT NULL, in_force_version INTEGER, decided_on TEXT, decision_ref TEXT',
    guarantee_versions:
      'guarantee_id TEXT NOT NULL, version INTEGER NOT NULL, status TEXT NOT NULL, commitments INTEGER NOT NULL, in_force_from TEXT, in_force_until TEXT, PRIMARY KEY (guarantee_id, version)',
  },
  indexes: { guarantees: ['unit_id, year', 'year'] },
  apply(tx, recorded) {
    const event = recorded as unknown as GuaranteeEvent;
    const g = tx.table('guarantees');
    const v = tx.table('guarantee_versions');
    const d = event.data;
    switch (event.type) {
      case 'GuaranteeDrafted.v1':
        tx.run(
          `INSERT INTO ${g} (id, unit_id, year, status, version, title) VALUES (?, ?, ?, 'draft', ?, ?)
             ON CONFLICT (id) DO UPDATE SET status = 'draft', version = excluded.version, title = excluded.title`,
          d.guaranteeId,
          d.unitId,
          d.year,
          d.version,
          event.data.title,
        );
        tx.run(
          `INSERT INTO ${v} (guarantee_id, version, status, commitments) VALUES (?, ?, 'draft', ?)
             ON CONFLICT (guarantee_id, version) DO UPDATE SET commitments = excluded.commitments`,
          d.guaranteeId,
          d.version,
          event.data.commitments.length,
        );
        break;
      case 'GuaranteeAdopted.v1': {
        const a = event.data;
        tx.run(
          `UPDATE ${g} SET status = 'adopted', in_force_version = ?, decided_on = ?, decision_ref = ? WHERE id = ?`,
          a.version,
          a.decidedOn,
          a.decisionRef,
          a.guaranteeId,
        );
        tx.run(
          `UPDATE ${v} SET status = 'adopted', in_force_from = ? WHERE guarantee_id = ? AND version = ?`,
          a.inForceFrom,
          a.guaranteeId,
          a.version,
        );
        if (a.supersedesVersion !== undefined) {
          tx.run(
            `UPDATE ${v} SET status = 'superseded', in_force_until = ? WHERE guarantee_id = ? AND version = ?`,
            a.inForceFrom,
            a.guaranteeId,
            a.supersedesVersion,
          );
        }
        break;
      }
      case 'GuaranteeWithdrawn.v1': {
        const w = event.data;
        tx.run(
          `UPDATE ${v} SET status = 'withdrawn', in_force_until = ? WHERE guarantee_id = ? AND version = ?`,
          w.withdrawnOn,
          w.guaranteeId,
          w.version,
        );
        tx.run(
          `UPDATE ${g} SET status = 'withdrawn', in_force_version = NULL WHERE id = ?
             AND NOT EXISTS (SELECT 1 FROM ${v} WHERE guarantee_id = ? AND status IN ('adopted', 'draft'))`,
          w.guaranteeId,
          w.guaranteeId,
        );
        break;
      }
    }
  },
};
