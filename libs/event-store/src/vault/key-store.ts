import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Clock, systemClock } from '@app/core';

export const DATA_KEY_BYTES = 32;
export const KEY_STORE_FILE = 'keys.sqlite';

export interface KeyStoreOptions {
  /** A file of its own, never the event log's. */
  path: string;
  clock?: Clock;
}

export interface ShredReceipt {
  subject: string;
  /** When the key was first shredded; shredding again keeps this instant. */
  shreddedAt: string;
}

/** Encrypting for a subject whose key was shredded: its personal data may never be written again. */
export class SubjectErasedError extends Error {
  constructor(
    readonly subject: string,
    readonly shreddedAt: string,
  ) {
    super(`the personal data of ${subject} was erased at ${shreddedAt}; nothing new may be encrypted for it`);
    this.name = 'SubjectErasedError';
  }
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
 * Per-subject AES-256 data keys in their own SQLite file. Shredding really deletes: secure_delete zeroes the freed
 * cells, and every shred checkpoints and truncates the WAL, so no second file keeps an old copy of a key page.
 * (WAL, not a rollback journal: one fsync per commit instead of two, and intake creates a key for every case.)
 * A tombstone makes sure a shredded subject never gets a new key.
 */
export class KeyStore {
  private readonly db: Database.Database;
  private readonly clock: Clock;
  private readonly stmt: ReturnType<KeyStore['prepare']>;

  static inDataDir(dataDir: string, clock?: Clock): KeyStore {
    mkdirSync(dataDir, { recursive: true });
    return new KeyStore({ path: join(dataDir, KEY_STORE_FILE), clock });
  }

  constructor(options: KeyStoreOptions) {
    const created = options.path !== ':memory:' && !existsSync(options.path);
    this.db = new Database(options.path);
    if (created) chmodSync(options.path, 0o600); // keys are for this service's user only
    this.db.pragma('secure_delete = ON');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 10000');
    if (this.db.pragma('secure_delete', { simple: true }) !== 1) throw new Error('this SQLite build cannot turn on secure_delete');
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

  /** The subject's key, created on first use; throws SubjectErasedError once the subject was shredded. */
  getOrCreate(subject: string): Buffer {
    checkSubject(subject);
    // An existing key is a plain read (a shredded subject has none); only a missing one takes the write transaction.
    const key = this.stmt.key.get(subject) as Buffer | undefined;
    if (key) return key;
    return this.db
      .transaction(() => {
        const existing = this.stmt.key.get(subject) as Buffer | undefined;
        if (existing) return existing;
        const shreddedAt = this.shreddedAt(subject);
        if (shreddedAt) throw new SubjectErasedError(subject, shreddedAt);
        const key = randomBytes(DATA_KEY_BYTES);
        this.stmt.insertKey.run(subject, key, this.clock.now().toISOString());
        return key;
      })
      .immediate();
  }

  /**
   * Creates the missing keys of many subjects in one transaction (one durable commit instead of one per subject).
   * Shredded subjects get no key; they are returned so the caller can refuse their events.
   */
  createMissing(subjects: Iterable<string>): Map<string, SubjectErasedError> {
    const erased = new Map<string, SubjectErasedError>();
    const wanted = [...new Set(subjects)].filter((s) => {
      checkSubject(s);
      return !this.stmt.key.get(s);
    });
    if (!wanted.length) return erased;
    this.db
      .transaction(() => {
        const now = this.clock.now().toISOString();
        for (const subject of wanted) {
          if (this.stmt.key.get(subject)) continue;
          const shreddedAt = this.shreddedAt(subject);
          if (shreddedAt) erased.set(subject, new SubjectErasedError(subject, shreddedAt));
          else this.stmt.insertKey.run(subject, randomBytes(DATA_KEY_BYTES), now);
        }
      })
      .immediate();
    return erased;
  }

  /** The subject's key, or undefined when it never had one or it was shredded. */
  get(subject: string): Buffer | undefined {
    return (this.stmt.key.get(subject) as Buffer | undefined) ?? undefined;
  }

  shreddedAt(subject: string): string | undefined {
    return (this.stmt.tombstone.get(subject) as string | undefined) ?? undefined;
  }

  /** Deletes the key for good and leaves a tombstone; idempotent. The WAL is checkpointed and truncated at once. */
  shred(subject: string): ShredReceipt {
    checkSubject(subject);
    const receipt = this.db
      .transaction(() => {
        this.stmt.deleteKey.run(subject);
        this.stmt.insertTombstone.run(subject, this.clock.now().toISOString());
        return { subject, shreddedAt: this.shreddedAt(subject)! };
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

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function checkSubject(subject: string): void {
  if (typeof subject !== 'string' || !subject.trim()) throw new TypeError('a data key needs a non-empty subject');
}
