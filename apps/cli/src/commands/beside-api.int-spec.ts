import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DATA_DIR_LOCK_FILE, DataDirLock, loadConfig } from '@app/platform';
import { checkpointAll, tokenFor } from '@app/testing';
import { createApp } from '../../../api/src/create-app';
import { runCli } from '../../test/run-cli';

const REGISTER = join(__dirname, '../../../../test/support/register.js');
const MAIN = join(__dirname, '../main.ts');
const API_MAIN = join(__dirname, '../../../api/src/main.ts');

/** `npm run cli -- …` from the TypeScript sources, in its own process: what an operator sees, exit code included. */
function cli(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return run(env, MAIN, ...args);
}

function run(env: NodeJS.ProcessEnv, main: string, ...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['-r', REGISTER, main, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, out, err }));
  });
}

/** The log as `verify` sees it: its head position and the digest over every event. */
async function logHead(env: NodeJS.ProcessEnv): Promise<{ position: string; digest: string }> {
  const { digest } = (await runCli(env, 'verify')).json();
  return { position: digest.position, digest: digest.digest };
}

/** Every file under DATA_DIR with its size and modification time, but the lock (whose holder keeps touching it). */
function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    if (name === DATA_DIR_LOCK_FILE) continue;
    const s = statSync(join(dir, name));
    out[name] = `${s.size} bytes, modified ${s.mtimeMs}`;
  }
  return out;
}

const RULES = JSON.stringify([{ name: 'Allt stängt', types: ['complaint', 'opinion', 'praise', 'idea'], yearsAfterClosing: 0 }]);

describe('the CLI beside a running API (README "The CLI beside a running server")', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'synpunkt-cli-beside-'));
  const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent', GALLRING_RULES: RULES };
  const exportFile = join(mkdtempSync(join(tmpdir(), 'synpunkt-cli-beside-export-')), 'export.ndjson');

  // Two cases, one closed (so a gallring run would erase it and record the run), and an export to import.
  beforeAll(async () => {
    const app = await createApp({ config: loadConfig(env) });
    await app.init();
    try {
      const http = () => request(app.getHttpServer());
      const admin = { Authorization: `Bearer ${await tokenFor('admin')}` };
      await http().post('/api/units').set(admin).send({ id: 'hgb', name: 'Enhet', department: 'D', district: 'S' }).expect(201);
      const ids: string[] = [];
      for (const name of ['Ada Avslutad', 'Olle Öppen']) {
        const c = await http()
          .post('/api/cases')
          .set(admin)
          .send({ type: 'praise', channel: 'web', unitId: 'hgb', description: `Tack från ${name}`, submitter: { name } })
          .expect(201);
        ids.push(c.body.id);
      }
      await http().post(`/api/cases/${ids[0]}/close`).set(admin).send({ resolution: 'resolved' }).expect(200);
    } finally {
      await app.close();
    }
    expect((await cli(env, 'export', '-o', exportFile)).code).toBe(0);
  });

  describe('while the API holds the DATA_DIR lock', () => {
    // As the primary of `npm start` holds it: in another process than the command's (this one).
    const lock = new DataDirLock(join(dataDir, DATA_DIR_LOCK_FILE));
    beforeAll(() => lock.acquire());
    afterAll(() => lock.release());

    const refusal = (endpoint: string) =>
      new RegExp(
        `^synpunkt: the Synpunkt API is running on this DATA_DIR \\(pid ${process.pid} on [^)]+\\), and this command would race it: .*${endpoint.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`,
      );

    it.each([
      ['rebuild', ['rebuild', 'cases'], 'POST /api/admin/projections/{name}/rebuild'],
      ['rebuild all', ['rebuild', 'all'], 'POST /api/admin/projections/rebuild'],
      ['gallring', ['gallring'], 'POST /api/admin/gallring'],
      ['gallring --dry-run', ['gallring', '--dry-run'], 'POST /api/admin/gallring (?dryRun=true to count only)'],
      ['import', ['import', exportFile], 'import only into a new DATA_DIR with no server on it'],
      ['seed', ['seed', '--district', 'demo', '--cases', '5'], 'seed with the server stopped: stop it, seed, then `npm start` again'],
    ])('refuses %s, names the way through the API, exits 1 and writes nothing', async (_, args, endpoint) => {
      const [head, before] = [await logHead(env), files(dataDir)];
      const { code, out, err } = await cli(env, ...args);
      expect(err).toMatch(refusal(endpoint));
      expect(code).toBe(1);
      expect(out).toBe('');
      expect(files(dataDir)).toEqual(before);
      expect(await logHead(env)).toEqual(head);
    });

    it('refuses import into a new DATA_DIR the API already runs on, before it reads a line of the file', async () => {
      const target = mkdtempSync(join(tmpdir(), 'synpunkt-cli-beside-target-'));
      const targetLock = new DataDirLock(join(target, DATA_DIR_LOCK_FILE));
      targetLock.acquire();
      try {
        const { code, err } = await cli({ ...env, DATA_DIR: target }, 'import', exportFile);
        expect(err).toMatch(refusal('import only into a new DATA_DIR with no server on it'));
        expect(code).toBe(1);
      } finally {
        targetLock.release();
      }
      expect((await logHead({ ...env, DATA_DIR: target })).position).toBe('0');
    });

    it('refuses a second server, saying that another instance holds DATA_DIR', async () => {
      const { code, err } = await run({ ...env, WORKERS: '1', PORT: '0' }, API_MAIN);
      expect(err).toMatch(
        new RegExp(
          `^Synpunkt API could not start: another instance holds DATA_DIR: Synpunkt process \\(pid ${process.pid}\\) on host .*: stop it first`,
          'm',
        ),
      );
      expect(err).not.toContain('POST /api/admin'); // no longer the rebuild hint of old
      expect(code).toBe(1);
    });

    it('still runs the reading commands', async () => {
      const { code, out } = await cli(env, 'verify');
      expect(code).toBe(0);
      expect(JSON.parse(out).ok).toBe(true);
    });
  });

  describe('once the lock is free', () => {
    it('rebuilds', async () => {
      const { code, out } = await cli(env, 'rebuild', 'cases');
      expect({ code, out }).toEqual({ code: 0, out: expect.stringMatching(/^rebuilt cases in \d+ ms/) });
    });

    it('imports into a new DATA_DIR', async () => {
      const target = { ...env, DATA_DIR: mkdtempSync(join(tmpdir(), 'synpunkt-cli-beside-target-')) };
      checkpointAll(dataDir);
      copyFileSync(join(dataDir, 'keys.sqlite'), join(target.DATA_DIR, 'keys.sqlite')); // the keys come along
      const { code, out, err } = await cli(target, 'import', exportFile);
      expect({ code, out, err }).toEqual({ code: 0, out: expect.stringMatching(/^imported \d+ events/), err: '' });
      expect(await logHead(target)).toEqual(await logHead(env));
    });

    it('runs gallring, which erases the closed case and records the run in the log', async () => {
      const head = await logHead(env);
      const { code, out } = await cli(env, 'gallring');
      expect(code).toBe(0);
      expect(JSON.parse(out)).toEqual([{ rule: 'Allt stängt', due: 1, erased: 1, dryRun: false }]);
      expect(BigInt((await logHead(env)).position)).toBeGreaterThan(BigInt(head.position));
    });
  });
});
