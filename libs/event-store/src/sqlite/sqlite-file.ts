import { chmodSync } from 'node:fs';
import Database from 'better-sqlite3';

export interface SqliteFileOptions {
  /** Zero the cells a delete frees (set before anything is deleted): for files whose deletes must really delete. */
  secureDelete?: boolean;
  /** Make the file owner-only before the pragmas create its -wal and -shm files, which take its mode. */
  ownerOnly?: boolean;
}

/**
 * A SQLite file the processes on this host share, opened with the project's pragmas: WAL (readers never block the
 * writer; one fsync per commit), synchronous=FULL (an acknowledged commit survives a power cut) and a busy timeout
 * that outlasts another process's commit.
 */
export function openSqliteFile(path: string, options: SqliteFileOptions = {}): Database.Database {
  const db = new Database(path);
  try {
    if (options.ownerOnly && path !== ':memory:') chmodSync(path, 0o600);
    if (options.secureDelete) {
      db.pragma('secure_delete = ON');
      if (db.pragma('secure_delete', { simple: true }) !== 1) throw new Error('this SQLite build cannot turn on secure_delete');
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 10000');
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
