import { CommandBus } from '@nestjs/cqrs';
import { messagesStream } from '@app/cases';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { Ctx, outboxApp, sender, until } from '../support/outbox-app';

/** A refusal that is the outbox's own trouble (its sender, its password) is no verdict on the message: it is retried. */
describe('the outbox when the mail server refuses the sender, not the recipient', () => {
  let x: Ctx;
  afterEach(() => x?.close());

  it('retries a message whose sender was refused with 550 and delivers it once the server takes it', async () => {
    x = await outboxApp({ MAIL_RETRY_BASE_SECONDS: '60' });
    x.smtp.refuseSender(1);
    const c = await x.register({ email: 'karin@example.se' });
    const [m] = await x.messages(c.id);
    await x.tickWhen(m.messageId, 'queued');
    const retried = await until('the first attempt failed for now', async () => {
      const [r] = await x.messages(c.id);
      return r.attempts === 1 && r.status === 'queued' ? r : undefined;
    });
    expect(retried.lastError).toMatch(/550/);
    x.clock.advance(60_000);
    await x.tickWhen(m.messageId, 'queued');
    const [sent] = await x.messagesWhen(c.id, 'sent');
    expect(sent.attempts).toBe(2);
    expect(x.mailsTo('karin@example.se')).toHaveLength(1);
  });

  it('fails at once a recipient the server refuses for good (550 to RCPT TO)', async () => {
    x = await outboxApp();
    const c = await x.register({ email: 'refused@example.se' });
    const [m] = await x.messages(c.id);
    await x.tickWhen(m.messageId, 'queued');
    const [failed] = await x.messagesWhen(c.id, 'failed');
    expect(failed.attempts).toBe(1);
    expect(x.mailsTo('refused@example.se')).toHaveLength(0);
  });
});

describe('one message the outbox cannot handle now', () => {
  let x: Ctx;
  afterEach(() => x?.close());

  it('is logged and left to its next attempt; the messages after it still go', async () => {
    x = await outboxApp();
    const stuck = await x.register({ email: 'stuck@example.se' });
    const next = await x.register({ email: 'next@example.se' });
    const [a] = await x.messages(stuck.id);
    const [b] = await x.messages(next.id);
    await until('both queued', () =>
      x.outboxRow(a.messageId)?.status === 'queued' && x.outboxRow(b.messageId)?.status === 'queued' ? true : undefined,
    );
    const bus = x.t.app.get(CommandBus);
    const flaky = sender(x, {
      execute: (command: object) =>
        (command as { message?: { caseId?: string } }).message?.caseId === stuck.id
          ? Promise.reject(new Error('the log is out of reach for this one'))
          : bus.execute(command as never),
    });
    await expect(flaky.tick()).resolves.toBe(2);
    expect(x.mailsTo('next@example.se')).toHaveLength(1);
    expect(x.mailsTo('stuck@example.se')).toHaveLength(0);
    await x.dispatcher.tick();
    await until('the stuck one went later', () => (x.mailsTo('stuck@example.se').length === 1 ? true : undefined));
  });
});

describe('the outbox read model at the edges', () => {
  let x: Ctx;
  afterEach(() => x?.close());

  it('shows sent a message the server accepted just before its case was erased', async () => {
    x = await outboxApp();
    const c = await x.register({ email: 'late@example.se' });
    const [m] = await x.messages(c.id);
    await until('queued', () => (x.outboxRow(m.messageId)?.status === 'queued' ? true : undefined));
    const bus = x.t.app.get(CommandBus);
    const eraseFirst = sender(x, {
      execute: async (command: object) => {
        if (command.constructor.name === 'RecordDelivery') {
          await x.t.http().post(`/api/cases/${c.id}/erase-personal-data`).set(x.admin).send({ reason: 'GDPR art. 17' }).expect(200);
        }
        return bus.execute(command as never);
      },
    });
    await eraseFirst.tick();
    expect(x.mailsTo('late@example.se')).toHaveLength(1);
    await until('the outbox says sent', () => (x.outboxRow(m.messageId)?.status === 'sent' ? true : undefined));
  });

  it('takes again a claim the first outbox recorded without a lease', async () => {
    x = await outboxApp();
    const c = await x.register({ email: 'old@example.se' });
    const [m] = await x.messages(c.id);
    await until('queued', () => (x.outboxRow(m.messageId)?.status === 'queued' ? true : undefined));
    const store = x.t.app.get<EventStore>(EVENT_STORE);
    const data = { caseId: c.id, messageId: m.messageId, at: x.clock.now().toISOString(), attempt: 1 };
    await store.append(messagesStream(c.id), [{ type: 'MessageClaimed.v1', data, metadata: {} }]);
    await until('sending', () => (x.outboxRow(m.messageId)?.status === 'sending' ? true : undefined));
    x.clock.advance(1000);
    await x.dispatcher.tick();
    await until('sent', () => (x.outboxRow(m.messageId)?.status === 'sent' ? true : undefined));
    expect(x.mailsTo('old@example.se')).toHaveLength(1);
  });
});
