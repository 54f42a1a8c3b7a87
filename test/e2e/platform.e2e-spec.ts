import { existsSync, mkdtempSync } from 'node:fs';
import { Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import { EVENT_STORE, EventStore, Upcaster } from '@app/event-store';
import { ProjectionsHost } from '@app/platform';
import { APP_PROJECTIONS } from '../../apps/api/src/rebuild-source';
import { startTestApp, TestApp } from '../support/test-app';

describe('platform conventions over HTTP', () => {
  let t: TestApp;
  let admin: { Authorization: string };
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.as('admin');
  });
  afterAll(() => t.close());

  const unit = (id: string) => ({ id, name: `Enhet ${id}`, department: 'Förskola', district: 'Hägersten-Liljeholmen' });

  it('serves health without a token; ready says only its status and lag (the rest: readiness.e2e-spec)', async () => {
    await t.http().get('/health/live').expect(200);
    const ready = await t.http().get('/health/ready').expect(200);
    expect(ready.body).toEqual({ status: expect.stringMatching(/^(ok|degraded)$/), lagSeconds: expect.any(Number) });
  });

  it('exposes Prometheus metrics with HTTP latency, append latency and projection lag', async () => {
    await t.http().post('/api/units').set(admin).send(unit('metrics-unit')).expect(201);
    const res = await t.http().get('/metrics').expect(200);
    expect(res.text).toMatch(/http_request_duration_seconds_bucket/);
    expect(res.text).toMatch(/eventstore_append_duration_seconds_count [1-9]/);
    expect(res.text).toMatch(/projection_lag_seconds\{projection="units"\}/);
  });

  it('labels requests that matched no route `unmatched`, so callers cannot create series', async () => {
    const paths = ['/zz-random-a1b2', '/api/zz-random-c3d4/e5', '/open311/zz-random-f6'];
    for (const path of paths) await t.http().get(path).set(admin).expect(404);
    await t.http().post('/zz-random-g7').set('Content-Type', 'application/json').send('{"broken":').expect(400);
    await t
      .http()
      .post('/zz-random-h8')
      .send({ big: 'x'.repeat(2 * 1024 * 1024) })
      .expect(413);
    const res = await t.http().get('/metrics').expect(200);
    expect(res.text).not.toMatch(/zz-random/);
    expect(res.text).toMatch(/http_request_duration_seconds_count\{method="GET",route="unmatched",status="404"\} [1-9]/);
    expect(res.text).toMatch(/route="\/api\/units",status="201"/);
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.http().get('/api/docs-json').expect(200);
    expect(res.body.paths['/api/units']).toBeDefined();
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const res = await t.http().post('/api/units').set(admin).set('Content-Type', 'application/json').send('{"id": "x",').expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, title: 'Bad Request', detail: expect.stringMatching(/not valid JSON/) });
  });

  it('answers a 10 MB body with a 413 problem', async () => {
    const res = await t
      .http()
      .post('/api/units')
      .set(admin)
      .send({ ...unit('big'), name: 'x'.repeat(10 * 1024 * 1024) })
      .expect(413);
    expect(res.body).toMatchObject({ status: 413, type: expect.any(String) });
  });

  it('lists every unknown field and wrong type in one 400', async () => {
    const res = await t
      .http()
      .post('/api/units')
      .set(admin)
      .send({ id: 42, name: ['a'], extra: true })
      .expect(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['id', 'name', 'department', 'district', 'extra']));
  });

  it('names a field left out (or null) once, "<field> is required"; a present but wrong value keeps every message', async () => {
    const required = (...fields: string[]) => fields.map((field) => ({ field, message: `${field} is required` }));
    expect((await t.http().post('/api/units').set(admin).send({}).expect(400)).body.errors).toEqual(
      required('id', 'name', 'department', 'district'),
    );
    const nulled = await t
      .http()
      .post('/api/units')
      .set(admin)
      .send({ ...unit('nulled'), department: null })
      .expect(400);
    expect(nulled.body.errors).toEqual(required('department'));
    const wrong = await t
      .http()
      .post('/api/units')
      .set(admin)
      .send({ ...unit('wrong'), department: 42, extra: null })
      .expect(400);
    expect(wrong.body.errors).toHaveLength(3);
    expect(wrong.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'department', message: 'department must be shorter than or equal to 200 characters' },
        { field: 'department', message: 'department must be a string' },
        { field: 'extra', message: 'is not a known field' },
      ]),
    );
    expect((await t.http().post('/api/cases/any-case/erase-personal-data').set(admin).send({}).expect(400)).body.errors).toEqual(
      required('reason'),
    );
    expect((await t.http().get('/api/dashboard/cases?figure=received').set(admin).expect(400)).body.errors).toEqual(required('year'));
  });

  it('gives 401 and 403 problems codes of their own, like every other problem', async () => {
    const anonymous = await t.http().get('/api/units').expect(401);
    expect(anonymous.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(anonymous.body).toMatchObject({ status: 401, code: 'unauthorized', type: 'urn:synpunkt:problem:unauthorized' });
    const forged = await t.http().get('/api/units').set('Authorization', 'Bearer not.a.token').expect(401);
    expect(forged.body).toMatchObject({ code: 'unauthorized', detail: expect.any(String) });
    const intake = await t
      .http()
      .post('/api/units')
      .set(await t.as('intake'))
      .send(unit('not-mine'))
      .expect(403);
    expect(intake.body).toMatchObject({ status: 403, code: 'forbidden', type: 'urn:synpunkt:problem:forbidden' });
  });

  it('serves the dashboard and Swagger UI under a CSP that does not send their scripts to https (no TLS known in front)', async () => {
    for (const path of ['/dashboard', '/api/docs']) {
      const csp = (await t.http().get(path).redirects(1).expect(200)).headers['content-security-policy'];
      expect(csp).toContain("script-src 'self' 'unsafe-inline'");
      expect(csp).not.toMatch(/upgrade-insecure-requests/);
    }
  });

  it('gives a 404 problem for an unknown route and an unknown id', async () => {
    expect((await t.http().get('/api/nothing-here').set(admin).expect(404)).body.status).toBe(404);
    expect((await t.http().get('/api/units/no-such-unit').set(admin).expect(404)).body.detail).toMatch(/no-such-unit/);
  });

  it('gives a 409 problem naming the rule when a business rule is broken', async () => {
    await t.http().post('/api/units').set(admin).send(unit('dupe')).expect(201);
    const res = await t.http().post('/api/units').set(admin).send(unit('dupe')).expect(409);
    expect(res.body).toMatchObject({ code: 'unit_exists', detail: expect.stringMatching(/already registered/) });
  });

  it('carries ETag revisions and refuses a stale If-Match with 412', async () => {
    const created = await t.http().post('/api/units').set(admin).send(unit('etag')).expect(201);
    expect(created.headers.etag).toBe('"0"');
    expect(Number(created.headers['x-event-position'])).toBeGreaterThan(0);
    const renamed = await t.http().post('/api/units/etag/rename').set(admin).set('If-Match', '"0"').send({ name: 'Nytt namn' }).expect(200);
    expect(renamed.headers.etag).toBe('"1"');
    const stale = await t.http().post('/api/units/etag/rename').set(admin).set('If-Match', '"0"').send({ name: 'Annat' }).expect(412);
    expect(stale.body).toMatchObject({ status: 412, currentRevision: '1' });
    await t.http().post('/api/units/etag/rename').set(admin).set('If-Match', 'garbage').send({ name: 'Annat' }).expect(400);
    const got = await t.http().get('/api/units/etag').set(admin).expect(200);
    expect(got.headers.etag).toBe('"1"');
    expect(got.body.names.map((n: { name: string }) => n.name)).toEqual(['Enhet etag', 'Nytt namn']);
  });

  it('replays an Idempotency-Key with the same body and refuses another body with 422', async () => {
    const first = await t.http().post('/api/units').set(admin).set('Idempotency-Key', 'k-1').send(unit('idem')).expect(201);
    const again = await t.http().post('/api/units').set(admin).set('Idempotency-Key', 'k-1').send(unit('idem')).expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.headers['idempotent-replayed']).toBe('true');
    await t.http().post('/api/units').set(admin).set('Idempotency-Key', 'k-1').send(unit('other')).expect(422);
  });

  it('echoes X-Correlation-Id and writes it into the events', async () => {
    const res = await t.http().post('/api/units').set(admin).set('X-Correlation-Id', 'corr-123').send(unit('corr')).expect(201);
    expect(res.headers['x-correlation-id']).toBe('corr-123');
    const [event] = await t.app.get<EventStore>(EVENT_STORE).readStream('unit-corr');
    expect(event.metadata).toMatchObject({ correlationId: 'corr-123', actor: { sub: expect.stringMatching(/^test-admin/) } });
    const generated = await t.http().get('/health/live');
    expect(generated.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('waits for a projection position and reports it', async () => {
    const created = await t.http().post('/api/units').set(admin).send(unit('wait')).expect(201);
    const pos = created.headers['x-event-position'];
    const list = await t.http().get(`/api/units?minPosition=${pos}`).set(admin).expect(200);
    expect(BigInt(list.headers['x-projection-position'])).toBeGreaterThanOrEqual(BigInt(pos));
    expect(list.body.units.map((u: { id: string }) => u.id)).toContain('wait');
    await t.http().get('/api/units?minPosition=abc').set(admin).expect(400);
  });
});

describe('idempotency survives a restart', () => {
  it('replays the stored response after the app is restarted on the same DATA_DIR', async () => {
    const first = await startTestApp();
    const admin = await first.as('admin');
    const body = { id: 'restart', name: 'Enhet', department: 'Förskola', district: 'D' };
    const a = await first.http().post('/api/units').set(admin).set('Idempotency-Key', 'restart-1').send(body).expect(201);
    await first.close();
    const second = await startTestApp({ dataDir: first.dataDir });
    const b = await second.http().post('/api/units').set(admin).set('Idempotency-Key', 'restart-1').send(body).expect(201);
    expect(b.body).toEqual(a.body);
    await second.close();
  });
});

describe('upcasting in the running app', () => {
  it('reads an old event version as the current one in the single-resource GET and in the projection', async () => {
    // A made-up older shape of UnitRegistered: the unit's name under `title`, no district.
    const v0ToV1: Upcaster = (e) => {
      const { title, ...rest } = e.data as { title: string };
      return { type: 'UnitRegistered.v1', data: { ...rest, name: title, district: 'Okänt' } };
    };
    const t = await startTestApp({ upcasters: [['UnitRegistered.v0', v0ToV1]] });
    try {
      const data = { unitId: 'gammal', title: 'Gamla enheten', department: 'Förskola', at: '2020-01-01T00:00:00Z' };
      const { position } = await t.app
        .get<EventStore>(EVENT_STORE)
        .append('unit-gammal', [{ type: 'UnitRegistered.v0', data, metadata: {} }]);
      const admin = await t.as('admin');
      const one = await t.http().get('/api/units/gammal').set(admin).expect(200);
      expect(one.body).toMatchObject({ id: 'gammal', name: 'Gamla enheten', district: 'Okänt' });
      const list = await t.http().get(`/api/units?minPosition=${position}`).set(admin).expect(200);
      expect(JSON.stringify(list.body)).toContain('Gamla enheten');
    } finally {
      await t.close();
    }
  });
});

describe('graceful shutdown', () => {
  it('lets a request in flight finish, flushes its append and closes the store; the event is there after a restart', async () => {
    const t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    const server = t.app.getHttpServer() as import('node:http').Server;
    const port = (server.address() as import('node:net').AddressInfo).port;
    const admin = await t.as('admin');
    const arrived = new Promise<void>((resolve) => server.once('request', () => resolve()));
    const inFlight = fetch(`http://127.0.0.1:${port}/api/units`, {
      method: 'POST',
      headers: { ...admin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: 'sista', name: 'Sista enheten', department: 'Förskola', district: 'Spånga-Tensta' }),
    });
    await arrived;
    const closing = t.app.close();
    const res = await inFlight;
    await closing;
    expect(res.status).toBe(201);
    await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow(); // no longer listening

    const again = await startTestApp({ dataDir: t.dataDir });
    try {
      const events = await again.app.get<EventStore>(EVENT_STORE).readStream('unit-sista');
      expect(events.map((e) => e.type)).toEqual(['UnitRegistered.v1']);
    } finally {
      await again.close();
    }
  });
});

describe('read models of the running server', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("lists in the rebuild threads' source exactly the projections the modules register", async () => {
    const registered = (await t.app.get(ProjectionsHost).runner.status()).filter((s) => s.kind === 'projection').map((s) => s.name);
    expect(APP_PROJECTIONS.map((p) => p.name).sort()).toEqual(registered.sort());
  });

  it('rebuilds a projection through the API while the current generation keeps serving, then swaps it in', async () => {
    const admin = await t.as('admin');
    let position = '0';
    for (let i = 0; i < 30; i++) {
      const res = await t.unit(`rb-${i}`);
      position = res.headers['x-event-position'];
    }
    const units = async () => (await t.http().get(`/api/units?minPosition=${position}`).set(admin).expect(200)).body;
    const before = JSON.stringify(await units());
    const generation = async () =>
      (
        (await t.http().get('/api/admin/projections').set(admin).expect(200)).body.projections as { name: string; generation?: number }[]
      ).find((p) => p.name === 'units')!.generation!;
    const from = await generation();
    const started = await t.http().post('/api/admin/projections/units/rebuild').set(admin).expect(202);
    expect(started.body).toMatchObject({ name: 'units', kind: 'projection', generation: from });
    for (let i = 0; i < 100 && (await generation()) === from; i++) {
      expect(JSON.stringify(await units())).toBe(before); // serving throughout
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await generation()).toBe(from + 1);
    expect(JSON.stringify(await units())).toBe(before);
  });

  it('refuses a second process on the same DATA_DIR while this one runs: another instance holds it', async () => {
    await expect(startTestApp({ dataDir: t.dataDir })).rejects.toThrow(
      /another instance holds DATA_DIR: Synpunkt process \(pid \d+\) on host .*stop it first/,
    );
  });
});

describe('KEY_STORE_PATH', () => {
  it('keeps the personal-data keys in the configured file, outside DATA_DIR', async () => {
    const keys = join(mkdtempSync(join(tmpdir(), 'synpunkt-keys-')), 'shared-keys.sqlite');
    const t = await startTestApp({ env: { KEY_STORE_PATH: keys } });
    try {
      const admin = await t.as('admin');
      await t.unit('nyckel');
      const body = {
        type: 'opinion',
        channel: 'web',
        unitId: 'nyckel',
        description: 'Fler bänkar',
        submitter: { name: 'Nils Nyckelsson' },
      };
      const created = await t.http().post('/api/cases').set(admin).send(body).expect(201);
      expect((await t.http().get(`/api/cases/${created.body.id}`).set(admin).expect(200)).body.submitter.name).toBe('Nils Nyckelsson');
      expect(existsSync(keys)).toBe(true);
      expect(existsSync(join(t.dataDir, 'keys.sqlite'))).toBe(false);
    } finally {
      await t.close();
    }
  });
});

describe('a key store that does not belong to the event log', () => {
  it('answers 500 data_key_missing naming the key store, and logs the subject id only', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const keys = join(mkdtempSync(join(tmpdir(), 'synpunkt-keys-')), 'keys.sqlite');
    const t = await startTestApp({ env: { KEY_STORE_PATH: keys }, logger: pino({ level: 'info' }, sink) });
    try {
      const admin = await t.as('admin');
      await t.unit('hgb');
      const { id } = await t.complaint({ submitter: { name: 'Karin Nyckellös' } });
      // As after `import` into a DATA_DIR beside another deployment's keys.sqlite: the log is there, its keys are not.
      const db = new Database(keys);
      db.prepare('DELETE FROM data_keys').run();
      db.close();
      const res = await t.http().get(`/api/cases/${id}`).set(admin).expect(500);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({
        status: 500,
        code: 'data_key_missing',
        title: expect.stringMatching(/key store does not belong to this event log.*README/),
      });
      const logged = lines.filter((l) => /MissingDataKeyError/.test(l));
      expect(logged).toEqual([expect.stringContaining(id)]);
      expect(JSON.parse(logged[0])).toMatchObject({ level: 50 });
      expect(lines.join('\n')).not.toContain('Nyckellös');
      expect(lines.join('\n')).not.toContain('Maten var kall');
    } finally {
      await t.close();
    }
  });
});
