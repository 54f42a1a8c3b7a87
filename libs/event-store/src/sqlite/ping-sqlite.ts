import type Database from 'better-sqlite3';

/** Whether the database file still answers a trivial query (closed, gone or locked past its timeout: no); never throws. */
export function pingSqlite(db: Database.Database): boolean {
  try {
    db.prepare('SELECT 1').get();
    return true;
  } catch {
    return false;
  }
}
