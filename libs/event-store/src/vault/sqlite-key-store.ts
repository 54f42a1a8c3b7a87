import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Clock, systemClock } from '@app/core';
import { pingSqlite } from '../sqlite/ping-sqlite';
import { openSqliteFile } from '../sqlite/sqlite-file';
import { DATA_KEY_BYTES, KeyStore, ShredReceipt, SubjectKey, subjectList } from './key-store';

export const KEY_STORE_FILE = 'keys.sqlite';

export interface SqliteKeyStoreOptions {
  /** A file of its own, never the event log's. */
  path: string;
  clock?: Clock;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS data_keys (
  subject    TEXT PRIMARY KEY,
  key        BLOB NOT NULL CHECK (length(key) = ${DATA_KEY_BYTES}),
  created_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tombstones (
  subject     TEXT PRIMARY KEY,
  shredded_at TEXT NOT NULL
) WITHOUT ROWID;
`;

/**
 * Per-subject data keys in their own SQLite file: the one-host adapter (every process on the host opens the file;
 * SQLite's locking never works across hosts). Shredding really deletes: secure_delete zeroes the freed cells, and
 * every shred checkpoints and truncates the WAL, so no second file keeps an old copy of a key page.
 * (WAL, not a rollback journal: one fsync per commit instead of two, and intake creates a key for every case.)
 * A tombstone makes sure a shredded subject never gets a new key. The port is asynchronous; this adapter answers at
 * once from synchronous statements, so the embedded path costs no more than before.
 */
export class SqliteKeyStore extends KeyStore {
  private readonly db: Database.Database;
  private readonly clock: Clock;
  private readonly stmt: ReturnType<SqliteKeyStore['prepare']>;

  static inDataDir(dataDir: string, clock?: Clock): SqliteKeyStore {
    mkdirSync(dataDir, { recursive: true });
    return new SqliteKeyStore({ path: join(dataDir, KEY_STORE_FILE), clock });
  }

  constructor(options: SqliteKeyStoreOptions) {
    super();
    const created = options.path !== ':memory:' && !existsSync(options.path);
    // Keys are for this service's user only.
    this.db = openSqliteFile(options.path, { secureDelete: true, ownerOnly: created });
    this.db.exec(SCHEMA);
    this.clock = options.clock ?? systemClock;
    this.stmt = this.prepare();
  }

  private prepare() {
    const db = this.db;
    return {
      key: db.prepare('SELECT key FROM data_keys WHERE subject = ?').pluck(),
      insertKey: db.prepare('INSERT INTO data_keys (subject, key, created_at) VALUES (?, ?, ?)'),
      deleteKey: db.prepare('DELETE FROM data_keys WHERE subject = ?'),
      tombstone: db.prepare('SELECT shredded_at FROM tombstones WHERE subject = ?').pluck(),
      insertTombstone: db.prepare('INSERT OR IGNORE INTO tombstones (subject, shredded_at) VALUES (?, ?)'),
    };
  }

  async lookup(subjects: Iterable<string>): Promise<Map<string, SubjectKey>> {
    return this.lookupNow(subjectList(subjects));
  }

  /**
   * Existing keys are plain reads; only missing ones take the write transaction, one for all of them (one durable
   * commit instead of one per subject).
   */
  async ensure(subjects: Iterable<string>): Promise<Map<string, SubjectKey>> {
    const list = subjectList(subjects);
    const found = this.lookupNow(list);
    const missing = list.filter((s) => !found.has(s));
    if (!missing.length) return found;
    this.db
      .transaction(() => {
        const now = this.clock.now().toISOString();
        for (const subject of missing) {
          const entry = this.entry(subject);
          if (entry) found.set(subject, entry);
          else {
            const key = randomBytes(DATA_KEY_BYTES);
            this.stmt.insertKey.run(subject, key, now);
            found.set(subject, { key });
          }
        }
      })
      .immediate();
    return found;
  }

  /** Deletes the key for good and leaves a tombstone; idempotent. The WAL is checkpointed and truncated at once. */
  async shred(subject: string): Promise<ShredReceipt> {
    subjectList([subject]);
    const receipt = this.db
      .transaction(() => {
        this.stmt.deleteKey.run(subject);
        this.stmt.insertTombstone.run(subject, this.clock.now().toISOString());
        return { subject, shreddedAt: this.stmt.tombstone.get(subject) as string };
      })
      .immediate();
    this.checkpoint();
    return receipt;
  }

  /** Moves the WAL into the main file (where secure_delete has zeroed freed cells) and truncates the WAL. */
  checkpoint(): void {
    const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (result?.busy) throw new Error('the key store is busy; the WAL could not be truncated after a shred');
  }

  async ping(): Promise<boolean> {
    return pingSqlite(this.db);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private lookupNow(subjects: string[]): Map<string, SubjectKey> {
    const found = new Map<string, SubjectKey>();
    for (const subject of subjects) {
      const entry = this.entry(subject);
      if (entry) found.set(subject, entry);
    }
    return found;
  }

  private entry(subject: string): SubjectKey | undefined {
    const key = this.stmt.key.get(subject) as Buffer | undefined;
    if (key) return { key };
    const shreddedAt = this.stmt.tombstone.get(subject) as string | undefined;
    return shreddedAt ? { shreddedAt } : undefined;
  }
}
