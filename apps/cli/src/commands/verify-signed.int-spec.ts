import canonicalize from 'canonicalize';
import { cpSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logDigest } from '@app/audit';
import { SqliteEventStore } from '@app/event-store';
import { EventRow as Row, rewriteStream, sqlRows as sql, tamperSql, tokenFor } from '@app/testing';
import { runCli as run, withApi } from '../../test/run-cli';

describe('verify --public-key: signed digests against a consistent rewrite of DATA_DIR', () => {
  const keys = mkdtempSync(join(tmpdir(), 'synpunkt-keys-')); // outside every DATA_DIR below
  const source = mkdtempSync(join(tmpdir(), 'synpunkt-signed-'));
  const [key, publicKey, otherPublicKey, exported] = ['signing.pem', 'signing.pub.pem', 'other.pub.pem', 'digest.json'].map((f) =>
    join(keys, f),
  );
  const env = (dataDir: string, extra: NodeJS.ProcessEnv = {}) => ({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    DIGEST_INTERVAL_HOURS: '0',
    ...extra,
  });
  const copy = () => {
    const dir = mkdtempSync(join(tmpdir(), 'synpunkt-intruded-'));
    cpSync(source, dir, { recursive: true });
    return { dir, file: join(dir, 'events.sqlite'), env: env(dir) };
  };
  /** The intruder's edit: the first event of the log says something else, its stream re-chained consistently. */
  const rewriteFirstEvent = (file: string) => {
    const [first] = sql<Row>(file, 'SELECT * FROM events ORDER BY position LIMIT 1');
    rewriteStream(file, first.stream_id, (r) => (r.revision === 0 ? r.data.replace('Första enheten', 'Annan enhet') : r.data));
  };

  beforeAll(async () => {
    const created = await run({ DATA_DIR: source }, 'digest-key', 'create', '--out', key);
    writeFileSync(publicKey, created.out);
    expect(statSync(key).mode & 0o777).toBe(0o600);
    expect(created.err).toMatch(/diariet/);
    const other = await run({ DATA_DIR: source }, 'digest-key', 'create', '--out', join(keys, 'other.pem'));
    writeFileSync(otherPublicKey, other.out);
    await withApi(env(source, { DIGEST_SIGNING_KEY_FILE: key }), async (http, admin) => {
      const unit = (id: string, name: string) =>
        http().post('/api/units').set(admin).send({ id, name, department: 'Förskola', district: 'Spånga-Tensta' }).expect(201);
      await unit('u1', 'Första enheten');
      await unit('u2', 'Andra enheten');
      const first = await http().post('/api/audit/digests').set(admin).expect(201);
      expect(first.body).toMatchObject({ keyId: expect.stringMatching(/^[0-9a-f]{64}$/), signature: expect.any(String) });
      await unit('u3', 'Tredje enheten');
      await http().post('/api/audit/digests').set(admin).expect(201);
    });
    await run(env(source), 'digest-export', '--out', exported);
  });

  it('passes on the untouched log, with every digest signed and matching', async () => {
    const result = await run(env(source), 'verify', '--public-key', publicKey);
    expect(result.exitCode).toBeUndefined();
    expect(result.json()).toMatchObject({ ok: true, signedDigests: { ok: true, checked: 2, signed: 2, unsigned: 0 } });
    expect((await run(env(source), 'verify', '--digest', exported, '--public-key', publicKey)).json()).toMatchObject({
      ok: true,
      digestFile: { ok: true },
    });
  });

  it('fails, naming the digest, when the intruder rewrote an early event and recomputed the chains, the heads and the digests', async () => {
    const { file, env: intruded } = copy();
    rewriteFirstEvent(file);
    const digests = sql<Row>(file, "SELECT * FROM events WHERE stream_id = 'audit-digests' ORDER BY revision");
    for (const d of digests) {
      // each digest recomputed over the rewritten log, in order (the second covers the first); the old signature stays
      const store = new SqliteEventStore({ path: file });
      const data = JSON.parse(d.data) as { position: string };
      const now = await logDigest(store, BigInt(data.position)).finally(() => store.close());
      rewriteStream(file, 'audit-digests', (r) =>
        r.revision === d.revision ? (canonicalize({ ...JSON.parse(r.data), digest: now.digest }) as string) : r.data,
      );
    }
    const plain = await run(intruded, 'verify');
    expect(plain.json()).toMatchObject({ ok: true }); // everything under DATA_DIR is consistent
    const signed = await run(intruded, 'verify', '--public-key', publicKey);
    expect(signed.exitCode).toBe(3);
    expect(signed.json()).toMatchObject({
      ok: false,
      signedDigests: {
        ok: false,
        firstBroken: { streamId: 'audit-digests', revision: '0', reason: expect.stringMatching(/signature does not match/) },
      },
    });
    const againstFile = await run(intruded, 'verify', '--digest', exported, '--public-key', publicKey);
    expect(againstFile.json()).toMatchObject({ ok: false, digestFile: { ok: false, reason: expect.stringMatching(/no longer matches/) } });
  });

  it('fails, naming the first digest the log no longer matches, when the digests were left as signed', async () => {
    const { file, env: intruded } = copy();
    rewriteFirstEvent(file);
    expect((await run(intruded, 'verify')).json()).toMatchObject({ ok: true });
    expect((await run(intruded, 'verify', '--public-key', publicKey)).json()).toMatchObject({
      ok: false,
      signedDigests: { firstBroken: { revision: '0', reason: expect.stringMatching(/the log no longer matches it/) } },
    });
  });

  it('fails when every digest was removed, and the exported one still names the rewrite', async () => {
    const { file, env: intruded } = copy();
    rewriteFirstEvent(file);
    tamperSql(file, "DELETE FROM events WHERE stream_id = 'audit-digests'; DELETE FROM streams WHERE stream_id = 'audit-digests';");
    expect((await run(intruded, 'verify')).json()).toMatchObject({ ok: true });
    expect((await run(intruded, 'verify', '--public-key', publicKey)).json()).toMatchObject({
      ok: false,
      signedDigests: { checked: 0, reason: expect.stringMatching(/no digest in the log is signed/) },
    });
    expect((await run(intruded, 'verify', '--digest', exported, '--public-key', publicKey)).json()).toMatchObject({
      ok: false,
      digestFile: { ok: false },
    });
  });

  it('digest-key create never writes under DATA_DIR nor over an existing key', async () => {
    await expect(run({ DATA_DIR: source }, 'digest-key', 'create', '--out', join(source, 'k.pem'))).rejects.toThrow(/outside DATA_DIR/);
    await expect(run({ DATA_DIR: source }, 'digest-key', 'create', '--out', key)).rejects.toThrow(/never overwritten/);
  });

  it('fails against another key', async () => {
    expect((await run(env(source), 'verify', '--public-key', otherPublicKey)).json()).toMatchObject({
      ok: false,
      signedDigests: { signed: 0, firstBroken: { reason: expect.stringMatching(/signed with another key/) } },
    });
  });

  it('fails on a log whose only digest is unsigned (no key configured): it never passes vacuously', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'synpunkt-unsigned-'));
    await withApi(env(dir), async (http, admin) => {
      await http().post('/api/units').set(admin).send({ id: 'u9', name: 'Enhet', department: 'D', district: 'S' }).expect(201);
      expect((await http().post('/api/audit/digests').set(admin).expect(201)).body).not.toHaveProperty('signature');
    });
    const result = await run(env(dir), 'verify', '--public-key', publicKey);
    expect(result.exitCode).toBe(3);
    expect(result.json()).toMatchObject({
      ok: false,
      signedDigests: { checked: 1, signed: 0, unsigned: 1, reason: expect.stringMatching(/nothing vouches/) },
    });
    expect((await run(env(dir), 'verify')).json()).toMatchObject({ ok: true });
    await expect(run(env(dir), 'digest-export')).rejects.toThrow(/no signed digest/);
  });

  it('plain verify (CLI and API) catches a moved recorded_at and a moved position', async () => {
    const moved = copy();
    tamperSql(moved.file, "UPDATE events SET recorded_at = '2001-01-01T00:00:00.000Z' WHERE position = 2");
    expect((await run(moved.env, 'verify')).json()).toMatchObject({
      ok: false,
      firstBroken: { reason: expect.stringMatching(/recorded_at column/) },
    });

    const swapped = copy();
    // two neighbours of different streams recorded at different instants trade positions: both chains still hold
    const [pair] = sql<{ a: number; b: number }>(
      swapped.file,
      `SELECT x.position AS a, y.position AS b FROM events x JOIN events y ON y.position = (SELECT MIN(position) FROM events WHERE position > x.position)
       WHERE x.stream_id <> y.stream_id AND x.recorded_at < y.recorded_at ORDER BY x.position LIMIT 1`,
    );
    tamperSql(
      swapped.file,
      `UPDATE events SET position = -1 WHERE position = ${pair.a}; UPDATE events SET position = ${pair.a} WHERE position = ${pair.b};
       UPDATE events SET position = ${pair.b} WHERE position = -1;`,
    );
    await withApi(swapped.env, async (http) => {
      const auditor = { Authorization: `Bearer ${await tokenFor('auditor')}` };
      const res = await http().get('/api/audit/verify').set(auditor).expect(200);
      expect(res.body).toMatchObject({ ok: false, firstBroken: { reason: expect.stringMatching(/not where it was committed/) } });
    });
  });
});
