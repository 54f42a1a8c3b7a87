import { ReadModelStore } from '@app/projections';
import { CaseRow } from './cases.projection';

type Closure = Pick<CaseRow, 'id' | 'status' | 'closed_at' | 'merged_into'>;

/** Cases of these types closed at or before the cut-off, oldest first (gallring). */
export function closedCasesBefore(db: ReadModelStore, cutoff: string, types: string[]): Pick<Closure, 'id' | 'merged_into'>[] {
  return db.all(
    `SELECT id, merged_into FROM cases WHERE status = 'closed' AND closed_at <= ? AND type IN (${types.map(() => '?').join(', ')}) ORDER BY closed_at`,
    cutoff,
    ...types,
  );
}

/** Whether and when a case was closed, and what it was merged into. */
export function closureOf(db: ReadModelStore, caseId: string): Closure | undefined {
  return db.get('SELECT id, status, closed_at, merged_into FROM cases WHERE id = ?', caseId);
}
