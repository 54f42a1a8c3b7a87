import { Projection } from '@app/projections';
import { UnitEvent } from '../unit.events';

export const UNITS_PROJECTION = 'units';

/** A row of the units table, as the projection writes it and its queries read it. */
export interface UnitRow {
  id: string;
  name: string;
  department: string;
  district: string;
  status: string;
  registered_at: string;
  closed_at: string | null;
  revision: number;
}

/** The units register as a table: one row per unit with its current name and status. */
export const unitsProjection: Projection = {
  name: UNITS_PROJECTION,
  version: 2,
  partitioned: {}, // a row per unit, from its own stream
  filter: { streamPrefix: 'unit-' },
  tables: {
    units:
      'id TEXT PRIMARY KEY, name TEXT NOT NULL, department TEXT NOT NULL, district TEXT NOT NULL, status TEXT NOT NULL, registered_at TEXT NOT NULL, closed_at TEXT, revision INTEGER NOT NULL',
  },
  indexes: { units: ['department', 'district'] },
  apply(tx, recorded) {
    const event = recorded as unknown as UnitEvent;
    const t = tx.table('units');
    const rev = Number(recorded.revision);
    switch (event.type) {
      case 'UnitRegistered.v1': {
        const d = event.data;
        tx.run(
          `INSERT INTO ${t} (id, name, department, district, status, registered_at, revision) VALUES (?, ?, ?, ?, 'open', ?, ?)`,
          d.unitId,
          d.name,
          d.department,
          d.district,
          d.at,
          rev,
        );
        break;
      }
      case 'UnitRenamed.v1':
        tx.run(`UPDATE ${t} SET name = ?, revision = ? WHERE id = ?`, event.data.name, rev, event.data.unitId);
        break;
      case 'UnitClosed.v1':
        tx.run(`UPDATE ${t} SET status = 'closed', closed_at = ?, revision = ? WHERE id = ?`, event.data.at, rev, event.data.unitId);
        break;
      case 'UnitContactSet.v1':
        // The contact details are read from the stream (GET /api/units/{id}); the row keeps the unit's revision.
        tx.run(`UPDATE ${t} SET revision = ? WHERE id = ?`, rev, event.data.unitId);
        break;
    }
  },
};
