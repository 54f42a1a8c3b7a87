import pino from 'pino';
import { Writable } from 'node:stream';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Every log line the app writes at the most verbose level while intake, reads, rejections and confidential reads
 * go on: the submitter's name, e-mail, phone, address and the free text never appear in any of them.
 */
describe('logs carry no personal data', () => {
  let t: TestApp;
  const lines: string[] = [];
  const secrets = ['Quintus Zarathustrasson', 'quintus.zara@example.se', '070-987 65 43', 'Hemligvägen 13', 'Grannens hund skäller'];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    t = await startTestApp({ logger: pino({ level: 'trace' }, sink) });
  });
  afterAll(() => t.close());

  it('logs requests with method, path, status and correlation id only', async () => {
    const admin = await t.as('admin');
    const intake = await t.as('intake');
    await t.unit('log');
    const body = {
      type: 'complaint',
      channel: 'phone',
      unitId: 'log',
      description: `${secrets[4]} varje natt`,
      confidential: true,
      submitter: { name: secrets[0], email: secrets[1], phone: secrets[2] },
      location: { address: secrets[3] },
    };
    const created = await t.http().post('/api/cases').set(intake).set('X-Correlation-Id', 'corr-logging-1').send(body).expect(201);
    await t.http().get(`/api/cases/${created.body.id}`).set(admin).expect(200);
    await t
      .http()
      .get(`/api/cases?q=${encodeURIComponent(secrets[0])}`)
      .set(admin);
    // rejections echo nothing of the body either
    await t
      .http()
      .post('/api/cases')
      .set(intake)
      .send({ ...body, submitter: { ...body.submitter, email: `${secrets[0]}@@` } })
      .expect(400);
    await t
      .http()
      .post('/api/cases')
      .set(intake)
      .set('Content-Type', 'application/json')
      .send(`{"description": "${secrets[4]}",`)
      .expect(400);

    const log = lines.join('\n');
    expect(lines.length).toBeGreaterThan(4);
    expect(log).toContain('corr-logging-1');
    expect(lines.some((l) => /"path":"\/api\/cases"/.test(l) && /"status":201/.test(l))).toBe(true);
    for (const s of secrets) expect(log).not.toContain(s);
    expect(log).not.toContain(encodeURIComponent(secrets[0]));
  });
});

/** Nest's route mapping (a line per route, hundreds) would bury the start-up lines at info; it is there at debug. */
describe('start-up logging', () => {
  async function startLines(level: string): Promise<{ context?: string; level: number; msg: string }[]> {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const t = await startTestApp({ logger: pino({ level }, sink) });
    await t.close();
    return lines.map((l) => JSON.parse(l));
  }
  const routeMapping = (l: { context?: string }) => l.context === 'RoutesResolver' || l.context === 'RouterExplorer';

  it('logs route mapping at debug only, and the rest of Nest’s start at info as before', async () => {
    const info = await startLines('info');
    expect(info.filter(routeMapping)).toEqual([]);
    expect(info.some((l) => l.context === 'InstanceLoader' && l.level === 30)).toBe(true);
    const debug = (await startLines('debug')).filter(routeMapping);
    expect(debug.length).toBeGreaterThan(50);
    expect(debug.every((l) => l.level === 20)).toBe(true);
    expect(debug.some((l) => /Mapped \{\/api\/units, POST\} route/.test(l.msg))).toBe(true);
  });
});
