import Database from 'better-sqlite3';
import { RecordedEvent } from '@app/core';
import { EventFilter } from '../event-store.port';
import { UpcasterRegistry } from '../upcasters';

// The reads of the SQLite log: the columns a row is read with, the filter as SQL, a row as an event.

export type Row = [number, string, string, number, string, string, string, string | null, string];
export const COLUMNS = 'position, id, stream_id, revision, type, data, metadata, prev_hash, hash';
/** The same row shape without the id and the hashes (ReadAllOptions.lean): three long strings fewer per event. */
const LEAN_COLUMNS = 'position, NULL, stream_id, revision, type, data, metadata, NULL, NULL';
export const columnsFor = (options: { lean?: boolean }) => (options.lean ? LEAN_COLUMNS : COLUMNS);

/** Read queries differ only by filter shape; each shape is prepared once. */
export class StatementCache {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  get(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql).raw();
      if (this.statements.size > 200) this.statements.clear();
      this.statements.set(sql, stmt);
    }
    return stmt;
  }
}

/**
 * Events appended together share one metadata text (see SqliteEventStore.appendInTransaction); consecutive rows with
 * the same text share one parsed, frozen metadata object instead of parsing it again. Parsing metadata cost as much as
 * parsing data.
 */
export function rowsToEvents(rows: Row[], upcasters: UpcasterRegistry, raw: boolean): RecordedEvent[] {
  const upcast = !raw && upcasters.size > 0;
  let metadataText: string | undefined;
  let metadata: RecordedEvent['metadata'] | undefined;
  const events = new Array<RecordedEvent>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r[6] !== metadataText) {
      metadataText = r[6];
      metadata = deepFreeze(JSON.parse(metadataText));
    }
    const event: RecordedEvent = {
      position: BigInt(r[0]),
      id: r[1],
      streamId: r[2],
      revision: BigInt(r[3]),
      type: r[4],
      data: JSON.parse(r[5]),
      metadata: metadata!,
      prevHash: r[7],
      hash: r[8],
    };
    events[i] = upcast ? upcasters.upcast(event) : event;
  }
  return events;
}

/** A read's filter, and the position it reads after, as WHERE terms and their parameters (callers may push more). */
export function buildWhere(filter: EventFilter & { recordedUntil?: Date }, after: bigint | undefined) {
  const where: string[] = [];
  const params: unknown[] = [];
  if (after !== undefined) {
    where.push('position > ?');
    params.push(after);
  }
  if (filter.types?.length) {
    where.push(`type IN (${filter.types.map(() => '?').join(', ')})`);
    params.push(...filter.types);
  }
  if (filter.streamPrefix !== undefined) {
    const prefixes = Array.isArray(filter.streamPrefix) ? filter.streamPrefix : [filter.streamPrefix];
    if (prefixes.length) {
      // Not an index range on stream_id: reads are ordered by position, and a wide prefix would make SQLite sort
      // the whole range to find the first rows. The position order (rowid) scan with this test stays cheap.
      where.push(`(${prefixes.map(() => 'substr(stream_id, 1, ?) = ?').join(' OR ')})`);
      for (const p of prefixes) params.push(p.length, p);
    }
  }
  if (filter.partition) {
    // streamPartition in SQL: the code of the last character (a UTF-16 code for ids in the Basic Multilingual Plane)
    where.push('unicode(substr(stream_id, -1)) % ? = ?');
    params.push(filter.partition.count, filter.partition.index);
  }
  if (filter.recordedUntil) {
    where.push('recorded_at <= ?');
    params.push(filter.recordedUntil.toISOString());
  }
  return { where, params };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
