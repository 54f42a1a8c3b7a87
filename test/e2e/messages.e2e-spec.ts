import { CommandBus } from '@nestjs/cqrs';
import { ConfigError, loadConfig } from '@app/platform';
import { decoded, startSmtp } from '../support/smtp';
import { startTestApp, TestApp } from '../support/test-app';
import type { Message } from '../support/outbox-app';
import { until } from '../support/until';
// The claim as the outbox sends it (a test may reach past the index).
import { ClaimMessage } from '../../libs/cases/src/messages/delivery.command';
import { OUTBOX } from '../../libs/cases/src/messages/outbox.principal';

type H = { Authorization: string };

describe('messages to the submitter, delivered over SMTP', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let manager: H;

  const register = (submitter: object, over: object = {}) => t.complaint({ submitter, ...over });
  const messages = async (id: string) => (await t.http().get(`/api/cases/${id}`).set(manager).expect(200)).body.messages as Message[];
  const settled = (id: string, n: number) =>
    until(`${n} messages of ${id} settled`, async () => {
      const list = await messages(id);
      return list.length === n && list.every((m) => m.status !== 'queued' && m.status !== 'sending') ? list : undefined;
    });

  beforeAll(async () => {
    smtp = await startSmtp((to) => to.startsWith('refused'));
    // The steps' own messages here; the receipt AUTO_RECEIPT sends at registration: outbox.e2e-spec.ts.
    t = await startTestApp({ env: { SMTP_URL: smtp.url, MAIL_FROM: 'Synpunkt <synpunkt@kommun.example>', AUTO_RECEIPT: 'false' } });
    manager = await t.as('manager', ['hgb']);
    await t.unit('hgb');
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('mails the receipt: recipient, subject with the reference, Swedish text; the delivery leaves the case ETag alone', async () => {
    const c = await register({ name: 'Eva Ek', email: 'eva.ek@example.se' });
    const ack = await t.http().post(`/api/cases/${c.id}/acknowledge`).set(manager).send({}).expect(200);
    const [receipt] = await settled(c.id, 1);
    expect(receipt).toMatchObject({ kind: 'receipt', channel: 'email', status: 'sent', attempts: 1, sentAt: expect.any(String) });
    const mail = smtp.received.find((m) => m.to.includes('eva.ek@example.se'))!;
    expect(mail.from).toBe('synpunkt@kommun.example');
    expect(mail.raw).toContain(c.reference);
    expect(mail.raw).toMatch(new RegExp(`Message-ID: <${receipt.messageId}@kommun.example>`, 'i'));
    expect(decoded(mail.raw)).toContain(`Vi har tagit emot din synpunkt. Den är registrerad med diarienummer ${c.reference}.`);
    const after = await t.http().get(`/api/cases/${c.id}`).set(manager).expect(200);
    expect(after.headers.etag).toBe(ack.headers.etag);
  });

  it('mails the question, the delay notice and the response, each once, with its own text', async () => {
    const c = await register({ email: 'olle@example.se' });
    const step = (path: string, body: object) => t.http().post(`/api/cases/${c.id}/${path}`).set(manager).send(body).expect(200);
    await step('acknowledge', { message: 'Tack, vi har fått ditt klagomål.' });
    await step('await-complainant', { question: 'Vilken dag hände det?' });
    await step('resume', {});
    await step('delay-notice', { reason: 'Vi behöver höra köket.', newRespondBy: '2099-01-15' });
    await step('respond', { message: 'Köket värmer nu maten längre.', outcome: 'justified' });
    const list = await settled(c.id, 4);
    expect(list.map((m) => [m.kind, m.status])).toEqual([
      ['receipt', 'sent'],
      ['question', 'sent'],
      ['delay_notice', 'sent'],
      ['response', 'sent'],
    ]);
    const texts = smtp.received.filter((m) => m.to.includes('olle@example.se')).map((m) => decoded(m.raw));
    expect(texts).toHaveLength(4);
    expect(texts[0]).toContain('Tack, vi har fått ditt klagomål.');
    expect(texts[1]).toContain('Vilken dag hände det?');
    expect(texts[2]).toContain('Vi behöver höra köket.');
    expect(texts[2]).toContain('Du får svar senast 2099-01-15.');
    expect(texts[3]).toContain('Köket värmer nu maten längre.');
  });

  it('records a refusal by the mail server as failed, with why; send none and letter are recorded, not mailed', async () => {
    const c = await register({ email: 'refused@example.se', address: 'Storgatan 1, 123 45 Staden' });
    await t.http().post(`/api/cases/${c.id}/acknowledge`).set(manager).send({}).expect(200);
    await t.http().post(`/api/cases/${c.id}/await-complainant`).set(manager).send({ question: 'Vilken dag?', send: 'none' }).expect(200);
    await t.http().post(`/api/cases/${c.id}/resume`).set(manager).send({}).expect(200);
    await t.http().post(`/api/cases/${c.id}/delay-notice`).set(manager).send({ reason: 'Mer tid', send: 'letter' }).expect(200);
    const [receipt, question, notice] = await until('the receipt failed', async () => {
      const list = await messages(c.id);
      return list[0]?.status === 'failed' ? list : undefined;
    });
    expect(receipt).toMatchObject({ channel: 'email', status: 'failed', attempts: 1, lastError: expect.stringMatching(/550/) });
    expect(question).toMatchObject({ kind: 'question', channel: 'none', status: 'recorded', attempts: 0 });
    // Letters wait in the print queue (outbox.e2e-spec.ts).
    expect(notice).toMatchObject({ kind: 'delay_notice', channel: 'letter', status: 'queued', attempts: 0 });
  });

  it('refuses a channel the submitter left no details for (400 on send), and an unknown send', async () => {
    const c = await register({ phone: '070-111 22 33' });
    const res = await t.http().post(`/api/cases/${c.id}/acknowledge`).set(manager).send({ send: 'email' }).expect(400);
    expect(res.body.errors).toEqual([{ field: 'send', message: 'the submitter left no e-mail address' }]);
    await t.http().post(`/api/cases/${c.id}/acknowledge`).set(manager).send({ send: 'fax' }).expect(400);
    await t.http().post(`/api/cases/${c.id}/acknowledge`).set(manager).send({}).expect(200);
    expect(await messages(c.id)).toEqual([expect.objectContaining({ kind: 'receipt', channel: 'none', status: 'recorded' })]);
  });

  it('an erased case gets no message: none by default, a 400 when one is asked for', async () => {
    const c = await register({ email: 'raderas@example.se' });
    await t
      .http()
      .post(`/api/cases/${c.id}/erase-personal-data`)
      .set(await t.as('admin'))
      .send({ reason: 'GDPR art. 17' })
      .expect(200);
    const res = await t.http().post(`/api/cases/${c.id}/acknowledge`).set(manager).send({ send: 'email' }).expect(400);
    expect(res.body.errors).toEqual([{ field: 'send', message: expect.stringMatching(/was erased: there is nobody to send to/) }]);
    await t.http().post(`/api/cases/${c.id}/acknowledge`).set(manager).send({}).expect(200);
    expect(await messages(c.id)).toEqual([]);
  });

  it('a confidential case: the e-mail says only that a message is ready, never its text', async () => {
    const c = await register({ email: 'hemlig@example.se' }, { confidential: true });
    await t.http().post(`/api/cases/${c.id}/acknowledge`).set(manager).send({ message: 'Om din sons skola' }).expect(200);
    await settled(c.id, 1);
    const text = decoded(smtp.received.find((m) => m.to.includes('hemlig@example.se'))!.raw);
    expect(text).toContain(`Det finns ett meddelande till dig i ärende ${c.reference}`);
    expect(text).not.toContain('Om din sons skola');
  });
});

describe('messages without SMTP_URL', () => {
  let t: TestApp;
  afterEach(() => t?.close());

  it('keeps e-mail queued and readiness degraded (200); two senders racing for one message: one claim wins', async () => {
    t = await startTestApp();
    await t.unit('hgb');
    const c = (
      await t
        .http()
        .post('/api/cases')
        .set(await t.as('intake'))
        .send({ type: 'opinion', channel: 'web', unitId: 'hgb', description: 'Bra', submitter: { email: 'a@example.se' } })
        .expect(201)
    ).body as { id: string };
    const manager = await t.as('manager', ['hgb']);
    await t.http().post(`/api/cases/${c.id}/acknowledge`).set(manager).send({}).expect(200);
    const ready = await t.http().get('/health/ready').expect(200);
    expect(ready.body.status).toBe('degraded');
    const health = await t
      .http()
      .get('/api/admin/health')
      .set(await t.as('admin'))
      .expect(200);
    expect(health.body.checks).toContainEqual({ name: 'outbox', status: 'degraded', reason: expect.stringMatching(/SMTP_URL is not set/) });
    const [message] = (await t.http().get(`/api/cases/${c.id}`).set(manager).expect(200)).body.messages;
    expect(message).toMatchObject({ channel: 'email', status: 'queued', attempts: 0 });

    const commands = t.app.get(CommandBus);
    const ref = { caseId: c.id, messageId: message.messageId, unitId: 'hgb', kind: 'receipt' as const };
    const claims = await Promise.all([1, 2, 3].map(() => commands.execute(new ClaimMessage(ref, OUTBOX))));
    expect(claims.filter(Boolean)).toEqual([1]);
  });
});

describe('mail configuration', () => {
  it('names a bad SMTP_URL, a missing or bad MAIL_FROM, and keeps the password out of the message', () => {
    const problems = (env: NodeJS.ProcessEnv) => {
      try {
        loadConfig({ DATA_DIR: '/tmp/x', ...env });
        return [];
      } catch (err) {
        return (err as ConfigError).problems;
      }
    };
    expect(problems({ SMTP_URL: 'http://user:hemligt@mail.example', MAIL_FROM: 'a@b.se' })).toEqual([
      'SMTP_URL must be an smtp:// or smtps:// URL, got "http://user:***@mail.example"',
    ]);
    expect(problems({ SMTP_URL: 'smtps://mail.example' })).toEqual(['MAIL_FROM is required when SMTP_URL is set']);
    expect(problems({ SMTP_URL: 'smtp://mail.example', MAIL_FROM: 'ingen adress' })).toEqual([
      'MAIL_FROM must be an e-mail address, or a name and <address>, got "ingen adress"',
    ]);
    expect(problems({ MAIL_FROM: 'a@b.se' })).toEqual(['MAIL_FROM applies only with SMTP_URL; set it too, or unset MAIL_FROM']);
    expect(problems({ AUTO_RECEIPT: 'ja', MAIL_MAX_ATTEMPTS: '0', MAIL_RETRY_BASE_SECONDS: '-1', MAIL_MAX_AGE_HOURS: '2.5' })).toEqual([
      'AUTO_RECEIPT must be true or false, got "ja"',
      'MAIL_MAX_ATTEMPTS must be a whole number from 1 to 99, got "0"',
      'MAIL_RETRY_BASE_SECONDS must be a number of seconds above 0, at most 86400, got "-1"',
      'MAIL_MAX_AGE_HOURS must be a whole number of hours from 1 to 9999, got "2.5"',
    ]);
    expect(loadConfig({ DATA_DIR: '/tmp/x' }).outbox).toEqual({ autoReceipt: true, maxAttempts: 8, retryBaseSeconds: 60, maxAgeHours: 72 });
    expect(
      loadConfig({
        DATA_DIR: '/tmp/x',
        AUTO_RECEIPT: 'false',
        MAIL_MAX_ATTEMPTS: '3',
        MAIL_RETRY_BASE_SECONDS: '0.5',
        MAIL_MAX_AGE_HOURS: '24',
      }).outbox,
    ).toEqual({ autoReceipt: false, maxAttempts: 3, retryBaseSeconds: 0.5, maxAgeHours: 24 });
    expect(loadConfig({ DATA_DIR: '/tmp/x', SMTP_URL: 'smtp://mail.example:587', MAIL_FROM: 'Kommunen <s@k.se>' }).mail).toEqual({
      smtpUrl: 'smtp://mail.example:587',
      from: 'Kommunen <s@k.se>',
    });
  });
});
