import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkpointAll, filesContaining, tokenFor } from '@app/testing';
import { Auth, Http, runCli as run, withApi } from '../../test/run-cli';

const SHREDDED = 'Greta Gallring-Xyzzy'; // submitter of the cases gallring erases
const KEPT = 'Otto Öppen-Qwerty'; // submitter of the cases it keeps

/** Runs with stderr taken for a terminal, so the progress bar draws; returns what it drew. */
async function onTerminal(work: () => Promise<unknown>): Promise<string> {
  const stderr = process.stderr as { isTTY?: boolean };
  const wasTTY = stderr.isTTY;
  let drawn = '';
  const write = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    drawn += chunk.toString();
    return true;
  });
  stderr.isTTY = true;
  try {
    await work();
    return drawn;
  } finally {
    stderr.isTTY = wasTTY;
    write.mockRestore();
  }
}

const yearNow = () => Number(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric' }).format(new Date()));

describe('operator commands: verify, export, import, rebuild, gallring', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'synpunkt-cli-'));
  const env = {
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    GALLRING_RULES: JSON.stringify([{ name: 'Allt stängt', types: ['complaint', 'opinion', 'praise', 'idea'], yearsAfterClosing: 0 }]),
  };

  // A and B are closed; D is merged into A, so it is answered (and falls due) with A; E is merged into C, which is open.
  beforeAll(async () => {
    await withApi(env, async (http, admin) => {
      await http().post('/api/units').set(admin).send({ id: 'hgb', name: 'Enhet', department: 'D', district: 'S' }).expect(201);
      const register = async (key: string, name: string) => {
        const c = await http()
          .post('/api/cases')
          .set(admin)
          .set('Idempotency-Key', `case-${key}`) // its record keeps what was created, never the plaintext
          .send({ type: 'praise', channel: 'web', unitId: 'hgb', description: `Tack ${key} från ${name}`, submitter: { name } })
          .expect(201);
        return c.body.id as string;
      };
      const [a, b, c, d, e] = [
        await register('A', SHREDDED),
        await register('B', SHREDDED),
        await register('C', KEPT),
        await register('D', SHREDDED),
        await register('E', KEPT),
      ];
      await http().post(`/api/cases/${d}/merge`).set(admin).send({ intoCaseId: a }).expect(200);
      await http().post(`/api/cases/${e}/merge`).set(admin).send({ intoCaseId: c }).expect(200);
      for (const id of [a, b]) await http().post(`/api/cases/${id}/close`).set(admin).send({ resolution: 'resolved' }).expect(200);
    });
  });

  it('verify reports an intact log and its digest', async () => {
    const { out } = await run(env, 'verify');
    const report = JSON.parse(out);
    expect(report).toMatchObject({
      ok: true,
      eventsChecked: expect.any(Number),
      digest: { digest: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    const again = JSON.parse((await run(env, 'verify', '--digest', report.digest.digest)).out);
    expect(again).toMatchObject({ ok: true, digestMatches: true });
  });

  /** An empty DATA_DIR; with the source's key store copied in, as the README says to, when `keys`. */
  const newDataDir = (keys: boolean) => {
    const dir = mkdtempSync(join(tmpdir(), 'synpunkt-cli-import-'));
    if (keys) {
      checkpointAll(dataDir); // every key in the main file
      copyFileSync(join(dataDir, 'keys.sqlite'), join(dir, 'keys.sqlite'));
    }
    return { ...env, DATA_DIR: dir };
  };
  const exported = async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'synpunkt-cli-export-')), 'export.ndjson');
    expect((await run(env, 'export', '-o', file)).exitCode).toBeUndefined();
    return file;
  };
  /** The status of a read of each case on `target`. */
  const reads = (target: NodeJS.ProcessEnv) =>
    withApi(target, async (http, admin) => {
      const statuses = new Set<number>();
      for (const { id } of (await http().get('/api/cases').set(admin).expect(200)).body.cases as { id: string }[]) {
        statuses.add((await http().get(`/api/cases/${id}`).set(admin)).status);
      }
      return statuses;
    });

  it('export → import into an empty DATA_DIR reproduces the log, hash for hash', async () => {
    const file = join(dataDir, 'export.ndjson');
    await run(env, 'export', '-o', file);
    const target = newDataDir(true);
    let out = '';
    let result: Awaited<ReturnType<typeof run>> | undefined;
    const drawn = await onTerminal(async () => (out = (result = await run(target, 'import', file)).out));
    expect(out).toMatch(/^imported \d+ events/);
    expect(result).toMatchObject({ err: '', exitCode: undefined }); // every case's key came along
    expect(await reads(target)).toEqual(new Set([200]));
    expect(drawn).toMatch(/import \(bytes\) \[.*\] 100% \| (\d+)\/\1 \| ETA/);
    const [source, copy] = [JSON.parse((await run(env, 'verify')).out), JSON.parse((await run(target, 'verify')).out)];
    expect(copy).toMatchObject({ ok: true, eventsChecked: source.eventsChecked });
    expect(copy.digest.digest).toBe(source.digest.digest);
    await expect(run(target, 'import', file)).rejects.toThrow(/not empty/);
  });

  it('import without the source’s key store: warns that the keys must come along and exits 1', async () => {
    const target = newDataDir(false);
    const { out, err, exitCode } = await run(target, 'import', await exported());
    expect(out).toMatch(/^imported \d+ events/);
    expect(err).toMatch(/^warning: .*keys\.sqlite holds no key and no record of erasure for 5 of the 5 cases \(and breaches\) /);
    expect(err).toMatch(/copy keys\.sqlite from the source DATA_DIR into this one .*KEY_STORE_PATH/);
    expect(exitCode).toBe(1);
    expect(await reads(target)).toEqual(new Set([500])); // what the warning is about
  });

  it('import with some keys missing: warns with their count, exits 0', async () => {
    const file = await exported();
    const target = newDataDir(true);
    const [subject] = readFileSync(file, 'utf8').match(/"kid":"[^"]+"/)!;
    const keys = new Database(join(target.DATA_DIR, 'keys.sqlite'));
    keys.prepare('DELETE FROM data_keys WHERE subject = ?').run(JSON.parse(`{${subject}}`).kid);
    keys.close();
    const { err, exitCode } = await run(target, 'import', file);
    expect(err).toMatch(/holds no key and no record of erasure for 1 of the 5 cases \(and breaches\)/);
    expect(exitCode).toBeUndefined();
  });

  it('refuses an export that does not start at the beginning of the log (exit code 2), before it writes anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'synpunkt-cli-export-'));
    const target = newDataDir(true);
    // made with --from-position: it cuts into streams begun before it
    const partial = join(dir, 'partial.ndjson');
    expect((await run(env, 'export', '--from-position', '10', '-o', partial)).exitCode).toBeUndefined();
    await expect(run(target, 'import', partial)).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(
        /partial\.ndjson starts at position 10, not at the beginning of the log \(position 1\); an import needs the whole log/,
      ),
    });
    // a stream's first event missing where positions do not count events (as on KurrentDB, or a file with a gap)
    const events = readFileSync(await exported(), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const later = events.find((e) => e.revision === 1 && e.streamId !== events[0].streamId);
    const gap = join(dir, 'gap.ndjson');
    writeFileSync(
      gap,
      events
        .filter((e) => !(e.streamId === later.streamId && e.revision === 0))
        .map((e) => JSON.stringify(e))
        .join('\n'),
    );
    await expect(run(target, 'import', gap)).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining(`its first event of stream ${later.streamId} (line `),
    });
    expect(JSON.parse((await run(target, 'verify')).out)).toMatchObject({ ok: true, eventsChecked: 0 });
  });

  it('export refuses a position past the head of the log with exit code 2, and answers the head itself with nothing', async () => {
    const head = JSON.parse((await run(env, 'verify')).out).digest.position;
    await expect(run(env, 'export', '--after', '999')).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/^synpunkt: position 999 is not the position of an event in the log/),
    });
    await expect(run(env, 'export', '--from-position', String(Number(head) + 2))).rejects.toMatchObject({ exitCode: 2 });
    expect(await run(env, 'export', '--after', head)).toMatchObject({ out: '', err: `exported 0 events; resume with --after ${head}\n` });
  });

  it('rebuilds a projection, or all of them, with a progress bar, and refuses an unknown one', async () => {
    let out = '';
    const drawn = await onTerminal(async () => (out = (await run(env, 'rebuild', 'cases')).out));
    expect(out).toMatch(/^rebuilt cases in \d+ ms/);
    expect(drawn).toMatch(/rebuild cases \[.*\] 100% \| (\d+)\/\1 \| ETA/);
    await expect(run(env, 'rebuild', 'nope')).rejects.toThrow(/no projection named nope/);
    const every = await onTerminal(async () => (out = (await run(env, 'rebuild', 'all')).out));
    expect(out).toMatch(/^rebuilt all in \d+ ms/);
    expect(every).toMatch(/rebuild all \[.*\] 100% \| (\d+)\/\1 \| ETA/);
  });

  it('gallring: a dry run counts, a real run erases what is due, records the run, keeps the statistics and leaves no plaintext', async () => {
    const report = (http: Http, reader: Auth) => http().get(`/api/reports/yearly?year=${yearNow()}`).set(reader).expect(200);
    const before = await withApi(env, async (http, admin) => (await report(http, admin)).body.totals);
    expect(before).toMatchObject({ casesByType: { praise: 3 } }); // the merged duplicates are not counted

    expect(JSON.parse((await run(env, 'gallring', '--dry-run')).out)).toEqual([{ rule: 'Allt stängt', due: 3, erased: 0, dryRun: true }]);
    expect(JSON.parse((await run(env, 'gallring')).out)).toEqual([{ rule: 'Allt stängt', due: 3, erased: 3, dryRun: false }]);
    expect(JSON.parse((await run(env, 'gallring', '--dry-run')).out)[0].due).toBe(0);

    await withApi(env, async (http) => {
      const auditor = { Authorization: `Bearer ${await tokenFor('auditor')}` };
      const events = await http().get('/api/audit/events?limit=1000').set(auditor).expect(200);
      const types = events.body.events.map((e: { type: string }) => e.type);
      expect(types.filter((t: string) => t === 'PersonalDataErased.v1')).toHaveLength(3);
      expect(events.body.events.find((e: { type: string }) => e.type === 'GallringPerformed.v1').data).toMatchObject({
        rule: 'Allt stängt',
        count: 3,
      });
      const cases = await http().get('/api/cases').set(auditor).expect(200);
      const descriptions: string[] = [];
      for (const { id } of cases.body.cases as { id: string }[]) {
        descriptions.push(JSON.stringify((await http().get(`/api/cases/${id}`).set(auditor).expect(200)).body.description));
      }
      expect(descriptions.sort()).toEqual([
        `"Tack C från ${KEPT}"`,
        `"Tack E från ${KEPT}"`,
        '{"erased":true}',
        '{"erased":true}',
        '{"erased":true}',
      ]);
      expect((await report(http, auditor)).body.totals).toEqual(before);
    });
    expect(JSON.parse((await run(env, 'verify')).out).ok).toBe(true);

    // Everything is closed now; with every write-ahead log folded in, no file under DATA_DIR holds the erased name.
    checkpointAll(dataDir);
    expect(filesContaining(dataDir, SHREDDED)).toEqual([]);
    expect(filesContaining(dataDir, 'Xyzzy')).toEqual([]);
    // Nor is a kept case's plaintext anywhere: it is sealed in the log, and idempotency records hold no answers.
    expect(filesContaining(dataDir, KEPT)).toEqual([]);
  });
});
