import { Ctx, outboxApp, until } from '../support/outbox-app';

type Listed = { messageId: string; caseId: string; unitId?: string; kind: string; channel: string; status: string; attempts: number };

describe('the outbox seen and handled: max age, retry, the print queue, erasure, metrics', () => {
  let x: Ctx;
  beforeAll(async () => {
    x = await outboxApp();
  });
  afterAll(() => x.close());

  const outbox = async (query: string, as = x.admin) =>
    (await x.t.http().get(`/api/admin/outbox${query}`).set(as).expect(200)).body as { total: number; messages: Listed[] };
  const listed = (query: string, messageId: string, as = x.admin) =>
    until(`${messageId} listed by ${query}`, async () => (await outbox(query, as)).messages.find((m) => m.messageId === messageId));
  const letterCase = async (unitId: string) => {
    const c = await x.register({ name: 'Per Post', address: 'Storgatan 1, 123 45 Staden' }, unitId);
    const handler = unitId === 'hgb' ? x.manager : await x.t.as('manager', [unitId]);
    await x.t.http().post(`/api/cases/${c.id}/respond`).set(handler).send({ message: 'Svar på papper', outcome: 'justified' }).expect(200);
    const [m] = await x.messages(c.id);
    return { ...c, messageId: m.messageId, message: m };
  };

  it('an e-mail too old at its first attempt is failed, not sent, with why; an admin retries it and it goes', async () => {
    const c = await x.register({ email: 'gammal@example.se' });
    const [m] = await x.messages(c.id);
    await until('queued', () => (x.outboxRow(m.messageId)?.status === 'queued' ? true : undefined));
    x.clock.advance(73 * 3600_000); // SMTP_URL set three days later: the queue is older than MAIL_MAX_AGE_HOURS
    await x.dispatcher.tick();
    const [failed] = await x.messagesWhen(c.id, 'failed');
    expect(failed).toMatchObject({
      attempts: 0,
      lastError: expect.stringMatching(/^too old to send: queued at 2026-03-10T08:00:00.000Z, more than 72 h/),
    });
    // the unit's manager sees why too
    const forManager = (await x.t.http().get(`/api/cases/${c.id}`).set(x.manager).expect(200)).body.messages[0];
    expect(forManager.lastError).toMatch(/too old to send/);
    expect(await listed('?status=failed', m.messageId)).toMatchObject({
      caseId: c.id,
      unitId: 'hgb',
      kind: 'receipt',
      channel: 'email',
      attempts: 0,
    });
    expect(x.mailsTo('gammal@example.se')).toHaveLength(0);

    const retried = await x.t.http().post(`/api/admin/outbox/${m.messageId}/retry`).set(x.admin).send({}).expect(200);
    expect(retried.body).toMatchObject({ messageId: m.messageId, status: 'queued', attempts: 0 });
    await x.tickWhen(m.messageId, 'queued');
    await until('sent', () => (x.outboxRow(m.messageId)?.status === 'sent' ? true : undefined));
    expect(x.mailsTo('gammal@example.se')).toHaveLength(1);
    const again = await x.t.http().post(`/api/admin/outbox/${m.messageId}/retry`).set(x.admin).send({}).expect(409);
    expect(again.body.detail).toMatch(/has not failed \(it is sent\)/);
  });

  it('a letter waits in the print queue of its unit: its managers see theirs, admin all; printed, it leaves the queue', async () => {
    const mine = await letterCase('hgb');
    const theirs = await letterCase('abc');
    expect(mine.message).toMatchObject({ kind: 'response', channel: 'letter', status: 'queued', attempts: 0 });
    await listed('?status=to_print', mine.messageId);
    await listed('?status=to_print', theirs.messageId);
    const forManager = await outbox('?status=to_print', x.manager);
    expect(forManager.messages.map((m) => m.unitId)).toEqual(expect.arrayContaining(['hgb']));
    expect(forManager.messages.some((m) => m.unitId !== 'hgb')).toBe(false);
    await x.t.http().get('/api/admin/outbox?unitId=abc').set(x.manager).expect(403);

    await x.t.http().post(`/api/cases/${theirs.id}/messages/${theirs.messageId}/printed`).set(x.manager).send({}).expect(403);
    const before = await x.t.http().get(`/api/cases/${mine.id}`).set(x.manager).expect(200);
    const printed = await x.t.http().post(`/api/cases/${mine.id}/messages/${mine.messageId}/printed`).set(x.manager).send({}).expect(200);
    expect(printed.body).toMatchObject({
      messageId: mine.messageId,
      channel: 'letter',
      status: 'printed',
      printedAt: x.clock.now().toISOString(),
    });
    // recorded on the case's messages stream: the case's ETag stays; marking it again changes nothing
    const after = await x.t.http().get(`/api/cases/${mine.id}`).set(x.manager).expect(200);
    expect(after.headers.etag).toBe(before.headers.etag);
    expect(after.body.messages[0]).toMatchObject({ status: 'printed' });
    await x.t.http().post(`/api/cases/${mine.id}/messages/${mine.messageId}/printed`).set(x.manager).send({}).expect(200);
    await listed('?status=printed', mine.messageId);
    expect((await outbox('?status=to_print')).messages.map((m) => m.messageId)).not.toContain(mine.messageId);
    await x.t.http().post(`/api/cases/${mine.id}/messages/nope/printed`).set(x.manager).send({}).expect(404);
  });

  it('a letter moves to the print queue of the unit its case is transferred to', async () => {
    const moved = await letterCase('hgb');
    await listed('?status=to_print', moved.messageId, x.manager);
    await x.t.http().post(`/api/cases/${moved.id}/transfer`).set(x.manager).send({ toUnitId: 'abc', reason: 'Fel enhet' }).expect(200);
    const abc = await x.t.as('manager', ['abc']);
    expect(await listed('?status=to_print', moved.messageId, abc)).toMatchObject({ unitId: 'abc' });
    expect((await outbox('?status=to_print', x.manager)).messages.map((m) => m.messageId)).not.toContain(moved.messageId);
  });

  it('an e-mail is never marked printed (409)', async () => {
    const c = await x.register({ email: 'epost@example.se' });
    const [m] = await x.messages(c.id);
    const res = await x.t.http().post(`/api/cases/${c.id}/messages/${m.messageId}/printed`).set(x.manager).send({}).expect(409);
    expect(res.body.detail).toMatch(/goes by email, not by letter/);
  });

  it('an erased case: its queued e-mail is never sent and its letter not printed; the outbox shows them cancelled', async () => {
    const c = await x.register({ email: 'raderad@example.se', address: 'Gatan 2, 123 45 Staden' });
    await x.t.http().post(`/api/cases/${c.id}/delay-notice`).set(x.manager).send({ reason: 'Mer tid', send: 'letter' }).expect(200);
    const [mail, letter] = await x.messages(c.id);
    await until('queued', () => (x.outboxRow(mail.messageId)?.status === 'queued' ? true : undefined));
    await x.t.http().post(`/api/cases/${c.id}/erase-personal-data`).set(x.admin).send({ reason: 'GDPR art. 17' }).expect(200);
    await x.dispatcher.tick(); // whether or not the read model has the erasure yet, the message is opened again before it goes
    await until('cancelled', () => (x.outboxRow(mail.messageId)?.status === 'cancelled' ? true : undefined));
    await x.dispatcher.tick();
    expect(x.mailsTo('raderad@example.se')).toHaveLength(0);
    expect((await x.messages(c.id)).map((m) => m.status)).toEqual(['cancelled', 'cancelled']);
    expect(x.outboxRow(letter.messageId)?.status).toBe('cancelled');
    await x.t.http().post(`/api/cases/${c.id}/messages/${letter.messageId}/printed`).set(x.manager).send({}).expect(409);
    await x.t.http().post(`/api/admin/outbox/${mail.messageId}/retry`).set(x.admin).send({}).expect(409);
  });

  it('counts delivery outcomes for Prometheus', async () => {
    const metrics = (await x.t.http().get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/^synpunkt_message_deliveries_total\{outcome="sent"\} [1-9]/m);
    expect(metrics).toMatch(/^synpunkt_message_deliveries_total\{outcome="printed"\} 1$/m);
    expect(metrics).toMatch(/^synpunkt_outbox_messages\{status="to_print"\} [1-9]/m);
  });

  it('pages the outbox and refuses an unknown status (400 naming the field)', async () => {
    const page = await outbox('?pageSize=1&page=1');
    expect(page.messages).toHaveLength(1);
    expect(page.total).toBeGreaterThan(1);
    const bad = await x.t.http().get('/api/admin/outbox?status=lost').set(x.admin).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'status' })]);
  });
});
