import { FixedClock } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { startTestApp, TestApp } from '../support/test-app';

type H = { Authorization: string };

const RULE = 'Två år efter avslut';

/** Gallring through the running API (POST /api/admin/gallring), as the CLI's `gallring` is refused beside it. */
describe('gallring over HTTP', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  let admin: H, auditor: H;
  let due: string, recent: string, open: string;
  let position = '0';
  const head = () => t.app.get<EventStore>(EVENT_STORE).headPosition();
  const gallring = (query = '') => t.http().post(`/api/admin/gallring${query}`).set(admin).expect(200);
  const readCase = async (id: string) => (await t.http().get(`/api/cases/${id}`).set(admin).expect(200)).body;
  const eventsOf = async (type: string) =>
    (await t.http().get(`/api/audit/events?type=${type}&limit=1000`).set(auditor).expect(200)).body.events as {
      streamId: string;
      data: Record<string, unknown>;
    }[];

  beforeAll(async () => {
    t = await startTestApp({
      clock,
      env: { GALLRING_RULES: JSON.stringify([{ name: RULE, types: ['complaint', 'praise'], yearsAfterClosing: 2 }]) },
    });
    admin = await t.as('admin');
    auditor = await t.as('auditor');
    await t.unit('hgb');
    const register = async (name: string) =>
      (
        await t
          .http()
          .post('/api/cases')
          .set(admin)
          .send({ type: 'complaint', channel: 'web', unitId: 'hgb', description: `Klagomål från ${name}`, submitter: { name } })
          .expect(201)
      ).body.id as string;
    const close = async (id: string) => {
      const res = await t.http().post(`/api/cases/${id}/close`).set(admin).send({ resolution: 'resolved' }).expect(200);
      position = res.headers['x-event-position'];
    };
    [due, recent, open] = [await register('Gammal Gallrad'), await register('Nyss Stängd'), await register('Öppen Kvar')];
    await close(due); // closed 2026-03-02: past the two years by 2028-04-01
    clock.set('2027-06-01T09:00:00Z');
    await close(recent); // closed 2027-06-01: not yet
    // gallring reads the closed cases from the read model: let it catch up with the last close
    await t.http().get(`/api/cases?minPosition=${position}`).set(admin).expect(200);
  });
  afterAll(() => t.close());

  it('is for admins only', async () => {
    await t.http().post('/api/admin/gallring?dryRun=true').set(auditor).expect(403);
    await t.http().post('/api/admin/gallring').expect(401);
  });

  it('finds nothing due before the retention has passed', async () => {
    expect((await gallring('?dryRun=true')).body).toEqual([{ rule: RULE, due: 0, erased: 0, dryRun: true }]);
  });

  it('a dry run past the retention answers with the counts and changes nothing', async () => {
    clock.set('2028-04-01T09:00:00Z');
    const before = await head();
    expect((await gallring('?dryRun=true')).body).toEqual([{ rule: RULE, due: 1, erased: 0, dryRun: true }]);
    expect(await head()).toBe(before);
    expect((await readCase(due)).description).toBe('Klagomål från Gammal Gallrad');
    expect(await eventsOf('GallringPerformed.v1')).toEqual([]);
  });

  it('a real run erases the personal data of the cases past retention, only theirs, and records the run', async () => {
    const before = await head();
    expect((await gallring()).body).toEqual([{ rule: RULE, due: 1, erased: 1, dryRun: false }]);
    expect(await head()).toBeGreaterThan(before);

    expect(await readCase(due)).toMatchObject({ description: { erased: true }, submitter: { erased: true } });
    expect((await readCase(recent)).description).toBe('Klagomål från Nyss Stängd');
    expect((await readCase(open)).description).toBe('Klagomål från Öppen Kvar');

    const erasures = await eventsOf('PersonalDataErased.v1');
    expect(erasures.map((e) => e.streamId)).toEqual([expect.stringContaining(due)]);
    expect(await eventsOf('GallringPerformed.v1')).toEqual([
      expect.objectContaining({
        streamId: 'gallring',
        data: { rule: RULE, types: ['complaint', 'praise'], yearsAfterClosing: 2, count: 1, at: '2028-04-01T09:00:00.000Z' },
      }),
    ]);

    // nothing is due any more
    expect((await gallring('?dryRun=true')).body).toEqual([{ rule: RULE, due: 0, erased: 0, dryRun: true }]);
  });
});
