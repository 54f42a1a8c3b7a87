import { chmodSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';

/** What the service writes only its own user may read: the log, the keys, read models, idempotency records. */
export const OWNER_ONLY_UMASK = 0o077;
const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

/**
 * Makes DATA_DIR owner-only before anything opens a file in it. The umask covers what SQLite creates later (its -wal,
 * -shm and journal files); chmod tightens what an older version left readable (0644 files). `process.umask(mask)`
 * throws in a worker thread, and the main thread's mask already applies to the whole process, so threads skip it.
 */
export function secureDataDir(dataDir: string, options: { keyStorePath?: string; eventStorePath?: string } = {}): void {
  if (isMainThread) process.umask(OWNER_ONLY_UMASK);
  mkdirSync(dataDir, { recursive: true, mode: DIR_MODE });
  chmodSync(dataDir, DIR_MODE);
  for (const entry of readdirSync(dataDir, { withFileTypes: true })) {
    if (entry.isFile()) chmodSync(join(dataDir, entry.name), FILE_MODE);
    else if (entry.isDirectory()) chmodSync(join(dataDir, entry.name), DIR_MODE);
  }
  if (options.keyStorePath) restrictToOwner(options.keyStorePath);
  if (options.eventStorePath) restrictToOwner(options.eventStorePath);
}

/** A SQLite file and its -wal, -shm and -journal companions, where they exist, readable by the owner only. */
export function restrictToOwner(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) if (existsSync(file)) chmodSync(file, FILE_MODE);
}
