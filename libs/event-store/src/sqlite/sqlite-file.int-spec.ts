import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteFile } from './sqlite-file';

describe('openSqliteFile', () => {
  const dirs: string[] = [];
  const file = () => {
    dirs.push(mkdtempSync(join(tmpdir(), 'synpunkt-sqlite-')));
    return join(dirs[dirs.length - 1], 'x.sqlite');
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const pragmas = (db: ReturnType<typeof openSqliteFile>) =>
    ['journal_mode', 'synchronous', 'busy_timeout', 'secure_delete'].map((p) => db.pragma(p, { simple: true }));

  it('opens a file in WAL with synchronous=FULL and a 10 s busy timeout, secure_delete only when asked', () => {
    const plain = openSqliteFile(file());
    const secure = openSqliteFile(file(), { secureDelete: true });
    expect(pragmas(plain)).toEqual(['wal', 2, 10000, 0]);
    expect(pragmas(secure)).toEqual(['wal', 2, 10000, 1]);
    plain.close();
    secure.close();
  });

  it('makes the file owner-only when asked, before its -wal is made', () => {
    const path = file();
    const db = openSqliteFile(path, { ownerOnly: true });
    db.exec('CREATE TABLE t (x)');
    expect([statSync(path).mode & 0o777, statSync(`${path}-wal`).mode & 0o777]).toEqual([0o600, 0o600]);
    db.close();
  });
});
