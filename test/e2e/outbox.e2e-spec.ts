import { CommandBus } from '@nestjs/cqrs';
import { ProjectionsHost } from '@app/platform';
import { decoded } from '../support/smtp';
import { Ctx, headOf, outboxApp, sender, until } from '../support/outbox-app';

describe('AUTO_RECEIPT: the receipt at registration', () => {
  let x: Ctx;
  afterEach(() => x?.close());

  it('mails the receipt within seconds of registration; sent, it acknowledges the case, by the outbox, at the send time', async () => {
    x = await outboxApp({}, true);
    const c = await x.register({ name: 'Eva Ek', email: 'eva.ek@example.se' });
    const mail = await until('the receipt arrived', () => x.mailsTo('eva.ek@example.se')[0]);
    expect(mail.raw).toContain(c.reference);
    expect(decoded(mail.raw)).toContain('Vi har tagit emot');
    const acknowledged = await until('the case acknowledged', async () => {
      const v = await x.view(c.id);
      return v.acknowledgedAt ? v : undefined;
    });
    const [receipt] = acknowledged.messages;
    expect(receipt).toMatchObject({ kind: 'receipt', channel: 'email', status: 'sent', attempts: 1 });
    expect(acknowledged.status).toBe('acknowledged');
    expect(acknowledged.acknowledgedAt).toBe(receipt.sentAt);
    expect(acknowledged.history.find((h) => h.type === 'CaseAcknowledged')).toMatchObject({
      at: receipt.sentAt,
      by: { sub: 'system:outbox' },
    });
    // A manager's acknowledgement afterwards is refused as ever; none was needed, and no second receipt goes.
    await x.t.http().post(`/api/cases/${c.id}/acknowledge`).set(x.manager).send({}).expect(409);
    expect(x.mailsTo('eva.ek@example.se')).toHaveLength(1);
  });

  it('looks as soon as the read models move: the receipt goes without waiting for a poll', async () => {
    x = await outboxApp({}, true);
    await x.dispatcher.stop();
    x.dispatcher.start(3_600_000); // a poll an hour apart: only the read models' move can send it within the wait
    const c = await x.register({ name: 'Eva Ek', email: 'eva.ek@example.se' });
    const mail = await until('the receipt arrived', () => x.mailsTo('eva.ek@example.se')[0]);
    expect(mail.raw).toContain(c.reference);
  });

  it('a failed receipt leaves the case unacknowledged; a case without an e-mail address gets no receipt at registration', async () => {
    x = await outboxApp();
    const refused = await x.register({ email: 'refused@example.se' });
    const [receipt] = await x.messages(refused.id);
    await x.tickWhen(receipt.messageId, 'queued');
    const [failed] = await x.messagesWhen(refused.id, 'failed', 'the receipt failed');
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringMatching(/550/) });
    expect((await x.view(refused.id)).status).toBe('received');
    const byPhone = await x.register({ phone: '070-111 22 33', address: 'Storgatan 1, 123 45 Staden' });
    expect(await x.messages(byPhone.id)).toEqual([]);
  });

  it('AUTO_RECEIPT=false: no receipt until a manager acknowledges', async () => {
    x = await outboxApp({ AUTO_RECEIPT: 'false' });
    const c = await x.register({ email: 'olle@example.se' });
    expect(await x.messages(c.id)).toEqual([]);
  });
});

describe('the outbox: retries, outages, crashes and races', () => {
  let x: Ctx;
  afterEach(() => x?.close());

  it('a server that refuses for now and then accepts: tried again after back-off, delivered once, attempts counted', async () => {
    x = await outboxApp();
    x.smtp.busy(2);
    const c = await x.register({ email: 'anna@example.se' });
    const [m] = await x.messages(c.id);
    await x.tickWhen(m.messageId, 'queued');
    const first = await until('the first attempt failed', async () => {
      const [r] = await x.messages(c.id);
      return r.attempts === 1 && r.status === 'queued' ? r : undefined;
    });
    expect(first).toMatchObject({ lastError: expect.stringMatching(/451/), nextAttemptAt: '2026-03-10T08:01:00.000Z' });
    // Not due yet: nothing is tried.
    await x.t.app.get(ProjectionsHost).waitFor(BigInt(await headOf(x)), 5000);
    expect(await x.dispatcher.tick()).toBe(0);
    x.clock.advance(60_000);
    await x.dispatcher.tick();
    const second = await until('the second attempt failed', async () => {
      const [r] = await x.messages(c.id);
      return r.attempts === 2 && r.status === 'queued' ? r : undefined;
    });
    expect(second.nextAttemptAt).toBe('2026-03-10T08:03:00.000Z'); // 2 minutes after the second
    x.clock.advance(120_000);
    await x.tickWhen(m.messageId, 'queued');
    const [sent] = await x.messagesWhen(c.id, 'sent');
    expect(sent).toMatchObject({ attempts: 3, sentAt: '2026-03-10T08:03:00.000Z' });
    expect(x.smtp.refusedForNow()).toBe(2);
    expect(x.mailsTo('anna@example.se')).toHaveLength(1);
  });

  it('MAIL_MAX_ATTEMPTS: the last failed attempt fails the message for good', async () => {
    x = await outboxApp({ MAIL_MAX_ATTEMPTS: '2', MAIL_RETRY_BASE_SECONDS: '10' });
    x.smtp.busy(5);
    const c = await x.register({ email: 'bo@example.se' });
    const [m] = await x.messages(c.id);
    await x.tickWhen(m.messageId, 'queued');
    await until('first failure', () =>
      x.outboxRow(m.messageId)?.attempts === 1 && x.outboxRow(m.messageId)?.status === 'queued' ? true : undefined,
    );
    x.clock.advance(10_000);
    await x.dispatcher.tick();
    const [failed] = await x.messagesWhen(c.id, 'failed');
    expect(failed).toMatchObject({ attempts: 2, lastError: expect.stringMatching(/451/) });
    expect(x.mailsTo('bo@example.se')).toHaveLength(0);
  });

  it('an SMTP outage, then the server back: every message delivered exactly once', async () => {
    x = await outboxApp();
    await x.smtp.stop();
    const cases = await Promise.all(['a1', 'a2', 'a3'].map((n) => x.register({ email: `${n}@example.se` })));
    const ids = (await Promise.all(cases.map((c) => x.messages(c.id)))).map(([m]) => m.messageId);
    for (const id of ids) await until('queued', () => (x.outboxRow(id)?.status === 'queued' ? true : undefined));
    await x.dispatcher.tick();
    for (const id of ids)
      await until('failed once', () => (x.outboxRow(id)?.attempts === 1 && x.outboxRow(id)?.status === 'queued' ? true : undefined));
    x.clock.advance(60_000);
    await x.dispatcher.tick(); // still down
    for (const id of ids)
      await until('failed twice', () => (x.outboxRow(id)?.attempts === 2 && x.outboxRow(id)?.status === 'queued' ? true : undefined));
    await x.smtp.start();
    x.clock.advance(120_000);
    await x.dispatcher.tick();
    for (const id of ids) await until('sent', () => (x.outboxRow(id)?.status === 'sent' ? true : undefined));
    x.clock.advance(3600_000);
    await x.dispatcher.tick();
    expect(['a1', 'a2', 'a3'].map((n) => x.mailsTo(`${n}@example.se`).length)).toEqual([1, 1, 1]);
  });

  it('a sender that died between the SMTP accept and its record: sent again after its lease, with the same Message-ID', async () => {
    x = await outboxApp();
    const c = await x.register({ email: 'krasch@example.se' });
    const [m] = await x.messages(c.id);
    await until('queued', () => (x.outboxRow(m.messageId)?.status === 'queued' ? true : undefined));
    const bus = x.t.app.get(CommandBus);
    const dying = sender(x, {
      execute: (command: object) => {
        if (command.constructor.name === 'RecordDelivery') return Promise.reject(new Error('the process died'));
        return bus.execute(command as never);
      },
    });
    await dying.tick(); // its record of the send never lands (logged by the ids; nothing else goes wrong)
    expect(x.mailsTo('krasch@example.se')).toHaveLength(1);
    // Within the lease nobody takes it; after it, the next attempt sends it again.
    await x.tickWhen(m.messageId, 'sending');
    expect(x.mailsTo('krasch@example.se')).toHaveLength(1);
    x.clock.advance(2 * 60_000);
    await x.dispatcher.tick();
    const [sent] = await x.messagesWhen(c.id, 'sent');
    expect(sent.attempts).toBe(2);
    const [one, two] = x.mailsTo('krasch@example.se').map((mail) => /^Message-ID: (.*)$/im.exec(mail.raw)![1].trim());
    expect(two).toBe(one);
    expect(one).toBe(`<${m.messageId}@kommun.example>`);
  });

  it('two senders (two projectors) racing for one message: exactly one mail', async () => {
    x = await outboxApp();
    const c = await x.register({ email: 'race@example.se' });
    const [m] = await x.messages(c.id);
    await until('queued', () => (x.outboxRow(m.messageId)?.status === 'queued' ? true : undefined));
    const bus = x.t.app.get(CommandBus);
    await Promise.all([sender(x, bus).tick(), sender(x, bus).tick(), sender(x, bus).tick()]);
    await until('sent', () => (x.outboxRow(m.messageId)?.status === 'sent' ? true : undefined));
    expect(x.mailsTo('race@example.se')).toHaveLength(1);
    expect((await x.messages(c.id))[0].attempts).toBe(1);
  });
});

describe('a receipt that finally failed does not stand in for the manager’s', () => {
  let x: Ctx;
  afterEach(() => x?.close());

  it('refused for good (5xx), then the address corrected: the manager’s acknowledgement with `auto` sends a receipt to the new address', async () => {
    x = await outboxApp();
    const c = await x.register({ name: 'Stina Stavfel', email: 'refused.stavfel@example.se' });
    const [first] = await x.messages(c.id);
    await x.tickWhen(first.messageId, 'queued');
    await until('the receipt failed for good', async () => ((await x.messages(c.id))[0].status === 'failed' ? true : undefined));
    await x.t
      .http()
      .post(`/api/cases/${c.id}/rectify-submitter`)
      .set(x.manager)
      .send({ submitter: { name: 'Stina Stavfel', email: 'stina@example.se' } })
      .expect(200);
    await x.t.http().post(`/api/cases/${c.id}/acknowledge`).set(x.manager).send({}).expect(200);
    const list = await x.messages(c.id);
    expect(list.map((m) => [m.kind, m.status])).toEqual([
      ['receipt', 'failed'],
      ['receipt', expect.any(String)],
    ]);
    await x.tickWhen(list[1].messageId, 'queued');
    await until('the second receipt sent', async () => ((await x.messages(c.id))[1].status === 'sent' ? true : undefined));
    const [mail] = x.mailsTo('stina@example.se');
    expect(decoded(mail.raw)).toContain('Vi har tagit emot');
    expect(mail.raw).toContain(c.reference);
    expect(x.mailsTo('stina@example.se')).toHaveLength(1);
    expect((await x.view(c.id)).status).toBe('acknowledged');
  });
});
