import { chmodSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../apps/cli/test/run-cli';
import { startTestApp } from '../support/test-app';

/** Every file and folder under dir (dir included) with its permission bits. */
function modes(dir: string): [string, number][] {
  const out: [string, number][] = [[dir, statSync(dir).mode & 0o777]];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...modes(path));
    else out.push([path, statSync(path).mode & 0o777]);
  }
  return out;
}
const readableByOthers = (dir: string) => modes(dir).filter(([, mode]) => mode & 0o077);
const modeOf = (path: string) => statSync(path).mode & 0o777;

/** A DATA_DIR as an older version left it: the folder and a file readable by everyone. */
function olderDataDir(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'synpunkt-older-'));
  const file = join(dir, 'left-over.sqlite');
  writeFileSync(file, 'x');
  chmodSync(file, 0o644);
  chmodSync(dir, 0o755);
  return { dir, file };
}

describe('DATA_DIR is owner-only', () => {
  // Starting the app sets the process umask to 077 (it keeps it, as the API does); these tests start from a shell's
  // usual 022 so the app cannot lean on the caller's mask, and give jest back the mask it had.
  let before: number;
  beforeEach(() => (before = process.umask(0o022)));
  afterEach(() => void process.umask(before));

  it('creates every file and folder without group or other permissions, the SQLite -wal and -shm files included', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'synpunkt-perms-')), 'data'); // the app creates it
    const t = await startTestApp({ dataDir });
    try {
      const admin = await t.as('admin');
      await t.unit('hgb');
      await t
        .http()
        .post('/api/cases')
        .set(admin)
        .send({ type: 'complaint', channel: 'letter', unitId: 'hgb', description: 'Maten var kall', submitter: { name: 'Åsa' } })
        .expect(201);
      const open = modes(dataDir).map(([path]) => path);
      expect(open.some((p) => p.endsWith('-wal'))).toBe(true);
      expect(open.some((p) => p.endsWith('-shm'))).toBe(true);
      expect(readableByOthers(dataDir)).toEqual([]);
    } finally {
      await t.close();
    }
    expect(readableByOthers(dataDir)).toEqual([]);
  });

  it('tightens the files and the folder of a DATA_DIR an older version left readable, and a key store kept elsewhere', async () => {
    const { dir, file } = olderDataDir();
    const keys = join(mkdtempSync(join(tmpdir(), 'synpunkt-keys-')), 'keys.sqlite');
    writeFileSync(keys, ''); // an empty SQLite database
    chmodSync(keys, 0o644);
    const t = await startTestApp({ dataDir: dir, env: { KEY_STORE_PATH: keys } });
    await t.close();
    expect(modeOf(keys)).toBe(0o600);
    expect(modeOf(file)).toBe(0o600);
    expect(modeOf(dir)).toBe(0o700);
    expect(readableByOthers(dir)).toEqual([]);
  });

  it('the CLI does the same before it opens the log', async () => {
    const { dir, file } = olderDataDir();
    await runCli({ DATA_DIR: dir, LOG_LEVEL: 'silent' }, 'verify');
    expect(modeOf(file)).toBe(0o600);
    expect(readableByOthers(dir)).toEqual([]);
  });
});
