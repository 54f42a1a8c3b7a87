import Database from 'better-sqlite3';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Folds every SQLite write-ahead log under dir into its database file, so a scan sees what the database holds. */
export function checkpointAll(dir: string): void {
  for (const path of filesUnder(dir).keys()) {
    if (!path.endsWith('.sqlite')) continue;
    const db = new Database(path);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  }
}

/** Every byte of every file under dir, recursively (-wal, -shm and -journal files included while they exist). */
export function filesUnder(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) filesUnder(path).forEach((bytes, p) => out.set(p, bytes));
    else out.set(path, readFileSync(path));
  }
  return out;
}

/** The files under dir holding text as UTF-8, UTF-16 or with JSON \u escapes. */
export function filesContaining(dir: string, text: string): string[] {
  const escaped = text.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const forms = [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le'), Buffer.from(escaped)];
  return [...filesUnder(dir)].filter(([, bytes]) => forms.some((f) => bytes.includes(f))).map(([path]) => path);
}
