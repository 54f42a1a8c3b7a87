import Database from 'better-sqlite3';
import { RowBreak } from '../event-store.port';

type Found = [position: number, streamId: string, revision: number, reason: string];

/**
 * The columns the hash chain does not cover but as-of reads rely on: `recorded_at` (what `recordedUntil` filters on)
 * and `position` (the order of the log). `recorded_at` must equal the hashed `metadata.recordedAt`; and since record time
 * never runs backwards in commit order (see SqliteEventStore.nextRecordedAt), a row whose hashed record time is earlier
 * than the row before it sits at a position it was not committed at. Returns the first such row, by position.
 */
export function verifySqliteRows(db: Database.Database): RowBreak | undefined {
  const column = db
    .prepare(
      `SELECT position, stream_id, revision,
         'its recorded_at column (' || recorded_at || ') differs from its hashed recordedAt (' ||
         COALESCE(json_extract(metadata, '$.recordedAt'), 'none') || '): as-of reads would misplace it'
       FROM events WHERE recorded_at IS NOT json_extract(metadata, '$.recordedAt') ORDER BY position LIMIT 1`,
    )
    .raw()
    .get() as Found | undefined;
  const order = db
    .prepare(
      `SELECT position, stream_id, revision,
         'recorded at ' || at || ', before the event ahead of it (' || before || '): position ' || position ||
         ' is not where it was committed'
       FROM (SELECT position, stream_id, revision, json_extract(metadata, '$.recordedAt') AS at,
               LAG(json_extract(metadata, '$.recordedAt')) OVER (ORDER BY position) AS before FROM events)
       WHERE at < before ORDER BY position LIMIT 1`,
    )
    .raw()
    .get() as Found | undefined;
  const first = column && order ? (column[0] <= order[0] ? column : order) : (column ?? order);
  return first && { streamId: first[1], revision: BigInt(first[2]), reason: first[3] };
}
