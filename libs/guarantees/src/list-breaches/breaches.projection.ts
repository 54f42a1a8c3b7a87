import { stockholmYear } from '@app/core';
import { Projection } from '@app/projections';
import type { BreachStatus } from '../breach.decider';
import { BreachEvent } from '../breach.events';

export const BREACHES_PROJECTION = 'breaches';

/** A row of the breaches table, as the projection writes it and its queries read it. */
export interface BreachRow {
  id: string;
  unit_id: string;
  guarantee_id: string;
  commitment_id: string;
  status: BreachStatus;
  occurred_at: string;
  /** The Stockholm year of occurred_at. */
  year: number;
  case_id: string | null;
  reported_at: string;
}

/** A row of the remedies table. */
export interface RemedyRow {
  breach_id: string;
  remedy_id: string;
  status: 'planned' | 'completed';
  due_on: string;
  completed_at: string | null;
}

export const breachesProjection: Projection = {
  name: BREACHES_PROJECTION,
  version: 1,
  partitioned: {}, // a row per breach and its remedies, from its own stream
  filter: { streamPrefix: 'breach-' },
  tables: {
    breaches:
      'id TEXT PRIMARY KEY, unit_id TEXT NOT NULL, guarantee_id TEXT NOT NULL, commitment_id TEXT NOT NULL, status TEXT NOT NULL, occurred_at TEXT NOT NULL, year INTEGER NOT NULL, case_id TEXT, reported_at TEXT NOT NULL',
    remedies:
      'breach_id TEXT NOT NULL, remedy_id TEXT NOT NULL, status TEXT NOT NULL, due_on TEXT NOT NULL, completed_at TEXT, PRIMARY KEY (breach_id, remedy_id)',
  },
  indexes: { breaches: ['unit_id, year', 'year', 'case_id'] },
  apply(tx, recorded) {
    const event = recorded as unknown as BreachEvent;
    const b = tx.table('breaches');
    const r = tx.table('remedies');
    switch (event.type) {
      case 'BreachReported.v1': {
        const d = event.data;
        tx.run(
          `INSERT INTO ${b} (id, unit_id, guarantee_id, commitment_id, status, occurred_at, year, case_id, reported_at) VALUES (?, ?, ?, ?, 'reported', ?, ?, ?, ?)`,
          d.breachId,
          d.unitId,
          d.guaranteeId,
          d.commitmentId,
          d.occurredAt,
          stockholmYear(d.occurredAt),
          d.caseId ?? null,
          d.at,
        );
        break;
      }
      case 'BreachConfirmed.v1':
        tx.run(`UPDATE ${b} SET status = 'confirmed' WHERE id = ?`, event.data.breachId);
        break;
      case 'BreachRejected.v1':
        tx.run(`UPDATE ${b} SET status = 'rejected' WHERE id = ?`, event.data.breachId);
        break;
      case 'RemedyPlanned.v1':
        tx.run(
          `INSERT INTO ${r} (breach_id, remedy_id, status, due_on) VALUES (?, ?, 'planned', ?)`,
          event.data.breachId,
          event.data.remedyId,
          event.data.dueOn,
        );
        tx.run(`UPDATE ${b} SET status = 'confirmed' WHERE id = ?`, event.data.breachId);
        break;
      case 'RemedyCompleted.v1':
        tx.run(
          `UPDATE ${r} SET status = 'completed', completed_at = ? WHERE breach_id = ? AND remedy_id = ?`,
          event.data.completedAt,
          event.data.breachId,
          event.data.remedyId,
        );
        tx.run(
          `UPDATE ${b} SET status = 'remedied' WHERE id = ? AND NOT EXISTS (SELECT 1 FROM ${r} WHERE breach_id = ? AND status = 'planned')`,
          event.data.breachId,
          event.data.breachId,
        );
        break;
    }
  },
};
