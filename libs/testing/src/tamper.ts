import Database from 'better-sqlite3';
import { eventHashFromText } from '@app/event-store';

/** An events row as stored in events.sqlite. */
export type EventRow = { position: number; stream_id: string; revision: number; type: string; data: string; metadata: string };

/**
 * An intruder's tool for tamper tests: with write access to the file, drop the immutability triggers, rewrite a
 * stream's data and recompute its whole chain and the stream's head, so that every hash verifies again.
 */
export function rewriteStream(path: string, streamId: string, change: (row: EventRow) => string): void {
  const db = new Database(path);
  try {
    db.exec('DROP TRIGGER IF EXISTS events_immutable; DROP TRIGGER IF EXISTS events_append_only;');
    const rows = db.prepare('SELECT * FROM events WHERE stream_id = ? ORDER BY revision').all(streamId) as EventRow[];
    let prev: string | null = null;
    for (const r of rows) {
      const data = change(r);
      const hash = eventHashFromText(r.stream_id, BigInt(r.revision), r.type, data, r.metadata, prev);
      db.prepare('UPDATE events SET data = ?, prev_hash = ?, hash = ? WHERE position = ?').run(data, prev, hash, r.position);
      prev = hash;
    }
    db.prepare('UPDATE streams SET hash = ? WHERE stream_id = ?').run(prev, streamId);
  } finally {
    db.close();
  }
}

/** Runs SQL on the file behind the store's back, triggers dropped first: the tamper itself. */
export function tamperSql(path: string, sql: string): void {
  const db = new Database(path);
  try {
    db.exec('DROP TRIGGER IF EXISTS events_immutable; DROP TRIGGER IF EXISTS events_append_only;');
    db.exec(sql);
  } finally {
    db.close();
  }
}

/** Reads the file raw. */
export function sqlRows<T>(path: string, query: string, ...params: unknown[]): T[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare(query).all(...params) as T[];
  } finally {
    db.close();
  }
}
