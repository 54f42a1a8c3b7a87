import { startTestApp, TestApp } from '../support/test-app';

/** On the embedded store positions count events: one past the head is no event's, and not the end of the log either. */
describe('audit reads from a position past the head of the log (embedded store)', () => {
  let t: TestApp;
  let auditor: { Authorization: string };
  let head: number;
  beforeAll(async () => {
    t = await startTestApp();
    auditor = await t.as('auditor');
    await t.unit('hgb');
    await t.complaint();
    head = (await t.http().get('/api/audit/events?limit=1000').set(auditor).expect(200)).body.lastPosition;
  });
  afterAll(() => t?.close());

  it.each([
    ['export', 'after', 1],
    ['export', 'after', 999],
    ['export', 'fromPosition', 2],
    ['events', 'after', 1],
    ['events', 'fromPosition', 2],
  ])('GET /api/audit/%s?%s=<head + %d> is 400 invalid_position', async (path, param, beyond) => {
    const res = await t
      .http()
      .get(`/api/audit/${path}?${param}=${head + beyond}`)
      .set(auditor)
      .expect(400);
    expect(res.body).toMatchObject({ code: 'invalid_position', detail: expect.stringContaining(`position ${head + beyond} is not`) });
  });

  it('still answers the end of the log: after the head, or from the position the next event gets', async () => {
    const after = await t.http().get(`/api/audit/export?after=${head}`).set(auditor).expect(200);
    expect(after.text).toBe('');
    const from = await t
      .http()
      .get(`/api/audit/export?fromPosition=${head + 1}`)
      .set(auditor)
      .expect(200);
    expect(from.text).toBe('');
    const page = await t.http().get(`/api/audit/events?after=${head}`).set(auditor).expect(200);
    expect(page.body).toEqual({ events: [], nextPosition: head + 1, lastPosition: head });
  });
});
