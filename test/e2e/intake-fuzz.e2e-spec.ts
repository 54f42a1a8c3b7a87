import fc from 'fast-check';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { startTestApp, TestApp } from '../support/test-app';

const valid = {
  type: 'complaint',
  channel: 'web',
  unitId: 'fuzz-unit',
  description: 'Gatan är inte snöröjd.',
  submitter: { name: 'Nils', email: 'nils@example.se' },
};

/** One defect applied to an otherwise valid body, so every request must be refused. */
const defect = fc.oneof(
  fc.constantFrom('type', 'channel', 'unitId', 'description').map((field) => (b: Record<string, unknown>) => {
    delete b[field];
  }),
  fc
    .tuple(
      fc.constantFrom('type', 'channel', 'unitId', 'description', 'receivedAt', 'submitter', 'wantsReply', 'location', 'confidential'),
      fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string()), fc.object()),
    )
    .filter(
      ([field, value]) =>
        !(field === 'submitter' && typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0),
    )
    .filter(
      ([field, value]) =>
        !(field === 'location' && typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0),
    )
    .filter(([field, value]) => !(value === null && ['receivedAt', 'submitter', 'wantsReply', 'location', 'confidential'].includes(field))) // null = absent for optional fields
    .filter(([field, value]) => !(field === 'wantsReply' && typeof value === 'boolean'))
    .filter(([field, value]) => !(field === 'confidential' && typeof value === 'boolean'))
    .map(([field, value]) => (b: Record<string, unknown>) => {
      b[field] = value;
    }),
  fc
    .string({ minLength: 1, maxLength: 20 })
    .filter(
      (k) =>
        !(k in valid) &&
        ![
          'receivedAt',
          'category',
          'wantsReply',
          'location',
          'guaranteeId',
          'commitmentId',
          'confidential',
          '__proto__',
          'constructor',
        ].includes(k),
    )
    .map((k) => (b: Record<string, unknown>) => {
      b[k] = 'x';
    }),
  fc.string({ minLength: 4001, maxLength: 4100 }).map((s) => (b: Record<string, unknown>) => {
    b.description = s;
  }),
  fc
    .string({ maxLength: 30 })
    .filter((s) => !/^\d{4}-\d{2}-\d{2}T/.test(s))
    .map((s) => (b: Record<string, unknown>) => {
      b.receivedAt = s;
    }),
  fc
    .string({ maxLength: 30 })
    .filter((s) => !s.includes('@'))
    .map((s) => (b: Record<string, unknown>) => {
      b.submitter = { email: s };
    }),
  fc
    .double({ noNaN: true })
    .filter((x) => x < -90 || x > 90)
    .map((lat) => (b: Record<string, unknown>) => {
      b.location = { lat, long: 18 };
    }),
);

describe('intake survives malformed bodies', () => {
  let t: TestApp;
  let store: EventStore;
  let auth: { Authorization: string };
  beforeAll(async () => {
    t = await startTestApp();
    store = t.app.get(EVENT_STORE);
    const admin = await t.as('admin');
    await t.http().post('/api/units').set(admin).send({ id: 'fuzz-unit', name: 'Fuzz', department: 'Gata', district: 'D' }).expect(201);
    auth = await t.as('intake');
  });
  afterAll(() => t.close());

  it('answers every broken body with a 4xx problem and appends nothing', async () => {
    const before = await store.headPosition();
    await fc.assert(
      fc.asyncProperty(fc.array(defect, { minLength: 1, maxLength: 3 }), async (defects) => {
        const body: Record<string, unknown> = structuredClone(valid);
        defects.forEach((d) => d(body));
        const res = await t.http().post('/api/cases').set(auth).send(body);
        if (res.status < 400) throw new Error(`accepted: ${JSON.stringify(body)}`);
        expect(res.status).toBeLessThan(500);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.body.status).toBe(res.status);
      }),
      { numRuns: 1500 },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.anything(), fc.string(), fc.array(fc.anything())), async (anything) => {
        const res = await t
          .http()
          .post('/api/cases')
          .set(auth)
          .set('Content-Type', 'application/json')
          .send(JSON.stringify(anything) ?? 'undefined');
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 500 },
    );
    expect(await store.headPosition()).toBe(before);
  });

  it('accepts the valid body the defects were applied to (so the property can fail)', async () => {
    await t.http().post('/api/cases').set(auth).send(valid).expect(201);
  });
});
