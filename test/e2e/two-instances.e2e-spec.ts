import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EncryptingEventStore, EVENT_STORE, EventStore, SubjectErasedError } from '@app/event-store';
import { buildProgram } from '../../apps/cli/src/main';
import { describeWithPostgres, freshSchema, TestSchema, withClient } from '../support/postgres';
import { startTestApp, TestApp } from '../support/test-app';

type H = { Authorization: string };

/**
 * Two API instances of one deployment: each with a DATA_DIR (and read models) of its own, one log (EVENT_STORE_PATH,
 * which only instances on one host may share; across hosts that is KurrentDB), and the keys and idempotency records in
 * PostgreSQL (POSTGRES_URL), as instances on several hosts keep them.
 */
describeWithPostgres('two instances with the PostgreSQL stores', (server) => {
  let schema: TestSchema;
  let a: TestApp, b: TestApp;
  let admin: H;
  let env: Record<string, string>;

  const registration = (description: string) => ({
    type: 'complaint',
    channel: 'web',
    unitId: 'delad',
    description,
    submitter: { name: 'Maja Tvåinstans', email: 'maja@example.se' },
  });
  const register = (t: TestApp, description: string, key?: string) => {
    const req = t.http().post('/api/cases').set(admin);
    return (key ? req.set('Idempotency-Key', key) : req).send(registration(description));
  };
  const registered = async (t: TestApp, type: string) =>
    (await t.app.get<EventStore>(EVENT_STORE).readAll({ types: [type], sealed: true })).length;

  beforeAll(async () => {
    schema = await freshSchema(server);
    const log = join(mkdtempSync(join(tmpdir(), 'synpunkt-shared-log-')), 'events.sqlite');
    env = { EVENT_STORE_PATH: log, POSTGRES_URL: schema.url };
    a = await startTestApp({ env });
    b = await startTestApp({ env });
    // Listening, so concurrent requests share one server each rather than each starting one.
    await Promise.all([a.app.listen(0, '127.0.0.1'), b.app.listen(0, '127.0.0.1')]);
    admin = await a.as('admin');
    await a.unit('delad');
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await schema?.drop();
  });

  it('each keeps its own DATA_DIR and read models, with neither a key store nor idempotency records in it', () => {
    expect(a.dataDir).not.toBe(b.dataDir);
    for (const t of [a, b]) {
      expect(existsSync(join(t.dataDir, 'read-models.sqlite'))).toBe(true);
      for (const file of ['events.sqlite', 'keys.sqlite', 'idempotency.sqlite']) expect(existsSync(join(t.dataDir, file))).toBe(false);
    }
  });

  it('reads on one instance, decrypted, a case sealed by the other', async () => {
    const created = await register(a, 'Gungan på gården är trasig').expect(201);
    const read = await b.http().get(`/api/cases/${created.body.id}`).set(admin).expect(200);
    expect(read.body).toMatchObject({ description: 'Gungan på gården är trasig', submitter: { name: 'Maja Tvåinstans' } });
  });

  it('holds an erasure made on one instance on both', async () => {
    const created = await register(b, 'Om min son Tvåinstans').expect(201);
    await a.http().post(`/api/cases/${created.body.id}/erase-personal-data`).set(admin).send({ reason: 'GDPR art. 17' }).expect(200);
    for (const t of [a, b]) {
      const read = await t.http().get(`/api/cases/${created.body.id}`).set(admin).expect(200);
      expect(read.body).toMatchObject({ description: { erased: true }, submitter: { erased: true } });
      expect(JSON.stringify(read.body)).not.toContain('Tvåinstans');
    }
    const late = await b
      .http()
      .post(`/api/cases/${created.body.id}/rectify-submitter`)
      .set(admin)
      .send({ submitter: { name: 'Ny Person' } })
      .expect(409);
    expect(late.body.code).toBe('personal_data_erased');
    // Below the rules, the key store itself refuses: the other instance cannot seal anything for the case again.
    const store = b.app.get<EventStore>(EVENT_STORE) as EncryptingEventStore;
    await expect(store.vault.forSealing([created.body.id])).rejects.toBeInstanceOf(SubjectErasedError);
  });

  it('after a key-store restore undid an erasure, reapply-erasures shreds the key again from what the log records', async () => {
    const created = await register(a, 'Om Restaurerad Tvåinstans').expect(201);
    const store = a.app.get<EventStore>(EVENT_STORE) as EncryptingEventStore;
    const key = (await store.vault.keys.lookup([created.body.id])).get(created.body.id)!.key!;
    await b.http().post(`/api/cases/${created.body.id}/erase-personal-data`).set(admin).send({ reason: 'GDPR art. 17' }).expect(200);
    // The restore: the key store is back as it was before the erasure, while the log keeps the erasure.
    await withClient(schema.url, (c) =>
      c.query('UPDATE data_keys SET key = $2, shredded_at = NULL WHERE subject = $1', [created.body.id, key]),
    );
    expect((await a.http().get(`/api/cases/${created.body.id}`).set(admin).expect(200)).body.description).toBe('Om Restaurerad Tvåinstans');

    let out = '';
    const cli = buildProgram({
      env: { ...env, DATA_DIR: a.dataDir, LOG_LEVEL: 'silent' },
      out: (t) => void (out += t),
      err: () => undefined,
    });
    await cli.parseAsync(['node', 'synpunkt', 'reapply-erasures']);
    expect(JSON.parse(out)).toMatchObject({ keysFound: 1, shredded: [created.body.id] });
    for (const t of [a, b]) {
      expect((await t.http().get(`/api/cases/${created.body.id}`).set(admin).expect(200)).body.description).toEqual({ erased: true });
    }
  });

  it('answers a retry sent to the other instance from the first one’s record, without running it again', async () => {
    const before = await registered(a, 'CaseRegistered.v1');
    const first = await register(a, 'Staketet har rasat', 'lb-retry-1').expect(201);
    const retry = await register(b, 'Staketet har rasat', 'lb-retry-1').expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
    expect(retry.body.reference).toBe(first.body.reference);
    expect(await registered(b, 'CaseRegistered.v1')).toBe(before + 1);
    await register(b, 'Något annat', 'lb-retry-1').expect(422);
  });

  it('gives concurrent registrations on both instances gap-free references', async () => {
    const refs = (
      await Promise.all(Array.from({ length: 24 }, (_, i) => register(i % 2 ? a : b, `Samtidigt ärende ${i}`).expect(201)))
    ).map((res) => res.body.reference as string);
    const numbers = (await a.app.get<EventStore>(EVENT_STORE).readAll({ types: ['ReferenceAssigned.v1'] })).map(
      (e) => (e.data as { number: number }).number,
    );
    expect(new Set(refs).size).toBe(24);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    for (const ref of refs) expect(numbers).toContain(Number(ref.split('-')[1]));
  });
});
