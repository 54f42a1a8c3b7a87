import Database from 'better-sqlite3';
import { COLUMNS } from './sqlite-reads';

/** The statements of the SQLite event store that never change shape, prepared once per connection. */
export function prepareStatements(db: Database.Database) {
  return {
    head: db.prepare('SELECT revision, hash FROM streams WHERE stream_id = ?').raw(),
    upsertHead: db.prepare(
      `INSERT INTO streams (stream_id, revision, hash) VALUES (?, ?, ?)
       ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, hash = excluded.hash`,
    ),
    insert: db.prepare(
      `INSERT INTO events (id, stream_id, revision, type, data, metadata, recorded_at, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    forwards: db.prepare(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`).raw(),
    backwards: db.prepare(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`).raw(),
    headPosition: db.prepare('SELECT COALESCE(MAX(position), 0) FROM events').pluck(),
    lastRecordedAt: db.prepare('SELECT recorded_at FROM events ORDER BY position DESC LIMIT 1').pluck(),
    getMeta: db.prepare('SELECT metadata FROM streams WHERE stream_id = ?').pluck(),
    setMeta: db.prepare(
      `INSERT INTO streams (stream_id, revision, hash, metadata) VALUES (?, -1, NULL, ?)
       ON CONFLICT (stream_id) DO UPDATE SET metadata = excluded.metadata`,
    ),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
