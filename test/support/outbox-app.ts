import { mailOf, OutboxDispatcher, smtpMailer } from '@app/cases';
import { FixedClock } from '@app/core';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ProjectionsHost } from '@app/platform';
import { startSmtp } from './smtp';
import { startTestApp } from './test-app';
import { until } from './until';

export type Message = {
  messageId: string;
  kind: string;
  channel: string;
  status: string;
  attempts: number;
  sentAt?: string;
  lastError?: string;
  nextAttemptAt?: string;
};
const FROM = 'Synpunkt <synpunkt@kommun.example>';
export { until };

/** The whole API with a real SMTP server and a clock the test moves; the outbox's own timer stopped unless `live`. */
export async function outboxApp(env: NodeJS.ProcessEnv = {}, live = false) {
  const smtp = await startSmtp((to) => to.startsWith('refused'));
  const clock = new FixedClock(new Date('2026-03-10T08:00:00Z'));
  const t = await startTestApp({ clock, env: { SMTP_URL: smtp.url, MAIL_FROM: FROM, ...env } });
  const dispatcher = t.app.get(OutboxDispatcher);
  if (!live) await dispatcher.stop();
  await t.unit('hgb');
  await t.unit('abc');
  const intake = await t.as('intake');
  const manager = await t.as('manager', ['hgb']);
  const admin = await t.as('admin');
  const register = (submitter: object, unitId = 'hgb') => t.complaint({ submitter, unitId });
  const view = async (id: string) =>
    (await t.http().get(`/api/cases/${id}`).set(admin).expect(200)).body as {
      messages: Message[];
      status: string;
      acknowledgedAt?: string;
      history: { type: string; at: string; by: { sub: string } | null }[];
    };
  const messages = async (id: string) => (await view(id)).messages;
  /** The case's messages once its first has this status (`what`: the wait's name in a timeout). */
  const messagesWhen = (id: string, status: string, what = status) =>
    until(what, async () => {
      const list = await messages(id);
      return list[0].status === status ? list : undefined;
    });
  const outboxRow = (messageId: string) =>
    t.app
      .get(ProjectionsHost)
      .readModels.get<{ status: string; attempts: number }>('SELECT status, attempts FROM outbox WHERE message_id = ?', messageId);
  /** Waits until the outbox read model shows the message so, then looks once for due e-mail. */
  const tickWhen = async (messageId: string, status: string) => {
    await until(`${messageId} ${status} in the outbox`, () => (outboxRow(messageId)?.status === status ? true : undefined));
    return dispatcher.tick();
  };
  const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));
  const close = async () => {
    await t.close();
    await smtp.close();
  };
  return {
    t,
    smtp,
    clock,
    dispatcher,
    intake,
    manager,
    admin,
    register,
    view,
    messages,
    messagesWhen,
    outboxRow,
    tickWhen,
    mailsTo,
    close,
  };
}
export type Ctx = Awaited<ReturnType<typeof outboxApp>>;

/** Another sender beside the app's: its own dispatcher over the same log, read models and mail server. */
export function sender(x: Ctx, commands: { execute(command: object): Promise<unknown> }) {
  return new OutboxDispatcher(
    {
      commands,
      readModels: x.t.app.get(ProjectionsHost).readModels,
      store: x.t.app.get<EventStore>(EVENT_STORE),
      clock: x.clock,
      mailer: smtpMailer(x.smtp.url, FROM),
      compose: async (m) => mailOf(m, FROM),
    },
    false,
  );
}

export async function headOf(x: Ctx): Promise<bigint> {
  return x.t.app.get<EventStore>(EVENT_STORE).headPosition();
}
