import Database from 'better-sqlite3';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IdempotencyStore, SqliteIdempotencyStore } from '@app/platform';
import { filesContaining } from '@app/testing';
import { at, idempotencyStoreContract, TIMES } from './idempotency-store.contract';

const freshFile = () => join(mkdtempSync(join(tmpdir(), 'synpunkt-idem-')), 'idempotency.sqlite');
const open = (path: string) => new SqliteIdempotencyStore({ path, ...TIMES });

idempotencyStoreContract('sqlite (file)', async (times) => new SqliteIdempotencyStore({ path: freshFile(), ...times }));

describe('SqliteIdempotencyStore on disk', () => {
  const created = { resource: { kind: 'unit', id: 'u-1' }, status: 201, revision: 0n, position: 7n };
  const claim = async (store: IdempotencyStore, key: string, now: Date) => {
    const r = await store.reserve('admin /api/units', key, 'h1', now);
    if (r.kind !== 'new') throw new Error(`expected to claim ${key}, got ${r.kind}`);
    return r.token;
  };
  const rows = (path: string) => {
    const db = new Database(path, { readonly: true });
    const { n } = db.prepare('SELECT COUNT(*) AS n FROM idempotency_records').get() as { n: number };
    db.close();
    return n;
  };

  it('replays after the store is opened again on the same file', async () => {
    const path = freshFile();
    const before = open(path);
    await before.complete('admin /api/units', 'k', await claim(before, 'k', at(0)), created);
    await before.close();
    const after = open(path);
    expect(await after.reserve('admin /api/units', 'k', 'h1', at(1000))).toEqual({ kind: 'replay', outcome: created });
    await after.close();
  });

  it('deletes expired records from the file, not only ignores them', async () => {
    const path = freshFile();
    const store = open(path);
    await store.complete('admin /api/units', 'old', await claim(store, 'old', at(0)), created);
    await store.complete('admin /api/units', 'young', await claim(store, 'young', at(3_600_000)), created);
    expect(rows(path)).toBe(2);
    await store.purgeExpired(at(TIMES.ttlMs));
    expect(rows(path)).toBe(1);
    await store.close();
  });

  it('keeps its file readable by this service’s user alone', async () => {
    const path = freshFile();
    await open(path).close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('drops the stored response bodies of the first version, leaving no byte of them in the file or its WAL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'synpunkt-idem-old-'));
    const path = join(dir, 'idempotency.sqlite');
    const body = 'Klagomål från Zlatan Oldschema om maten';
    const old = new Database(path);
    old.pragma('journal_mode = WAL');
    old.exec(`CREATE TABLE idempotency (
      scope TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL, state TEXT NOT NULL,
      status INTEGER, headers TEXT, body TEXT, created_at TEXT NOT NULL, owner TEXT, PRIMARY KEY (scope, key))`);
    const insert = old.prepare("INSERT INTO idempotency VALUES (?, ?, 'h', 'done', 201, '{}', ?, '2026-01-01T00:00:00Z', 'o')");
    for (let i = 0; i < 50; i++) insert.run('intake /api/cases', `k-${i}`, JSON.stringify({ description: `${body} #${i}` }));
    old.close();
    expect(filesContaining(dir, body)).toEqual([path]); // the scan finds it where it lies

    const store = open(path);
    expect(filesContaining(dir, body)).toEqual([]); // gone as soon as the store is open, WAL included
    expect((await store.reserve('intake /api/cases', 'k-1', 'h', at(0))).kind).toBe('new');
    await store.close();
    expect(filesContaining(dir, body)).toEqual([]);
    const db = new Database(path, { readonly: true });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()).toEqual(['idempotency_records']);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    db.close();
  });
});
