import { checkpointAll, filesContaining } from '@app/testing';
import { decoded, startSmtp } from '../support/smtp';
import { guaranteeDraft, startTestApp, TestApp } from '../support/test-app';
import { until } from '../support/until';

type H = { Authorization: string };

describe('what the submitter gets: the Swedish templates over real SMTP, resend, duplicates, Open311', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let intake: H, manager: H, admin: H;

  const register = (submitter: object, over: object = {}) => t.complaint({ submitter, ...over });
  const step = (id: string, path: string, body: object, expect = 200) =>
    t.http().post(`/api/cases/${id}/${path}`).set(manager).send(body).expect(expect);
  const mailTo = (address: string, n = 1) =>
    until(`${n} mail to ${address}`, () => {
      const mails = smtp.received.filter((m) => m.to.includes(address));
      return mails.length >= n ? mails : undefined;
    });
  const messages = async (id: string) =>
    (await t.http().get(`/api/cases/${id}`).set(manager).expect(200)).body.messages as {
      messageId: string;
      kind: string;
      status: string;
    }[];

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp({
      env: {
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Synpunkt <synpunkt@kommun.example>',
        MUNICIPALITY_NAME: 'Exempelkommunen',
        AUTO_RECEIPT: 'false',
      },
    });
    [intake, manager, admin] = [await t.as('intake'), await t.as('manager', ['hgb']), await t.as('admin')];
    await t.unit('hgb', { name: 'Hägerstens gruppbostäder' });
    const contact = {
      email: 'hgb@kommun.example',
      phone: '08-508 000 00',
      receiptText: 'Tack för att du skrev till Hägerstens gruppbostäder!',
    };
    await t.http().post('/api/units/hgb/contact').set(admin).send(contact).expect(200);
    const draft = guaranteeDraft('hgb', {
      commitments: [{ id: 'svar', text: 'Du får svar inom fem arbetsdagar', responseWorkingDays: 5 }],
      remedy: 'Enhetschefen ringer upp dig inom en vecka',
    });
    await t.http().post('/api/guarantees').set(admin).send(draft).expect(201);
    await t.http().post('/api/guarantees/hgb-2026/adopt').set(admin).send({ decidedOn: '2026-01-09', decisionRef: '§ 7' }).expect(200);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  describe('When a case that named a commitment gets its receipt in the default words', () => {
    it('the mail is the unit’s receipt text, with the reference, the unit, the guarantee’s promise and rättelse; Reply-To the unit; plain and HTML', async () => {
      const c = await register(
        { email: 'eva@example.se' },
        { guaranteeId: 'hgb-2026', commitmentId: 'svar', receivedAt: '2026-01-12T10:00:00Z' },
      );
      await step(c.id, 'acknowledge', {});
      const [mail] = await mailTo('eva@example.se');
      const text = decoded(mail.raw);
      expect(mail.raw).toMatch(/^Reply-To: hgb@kommun\.example/im);
      expect(mail.raw).toMatch(/Content-Type: multipart\/alternative/i);
      expect(mail.raw).toMatch(/Content-Type: text\/html; charset=utf-8/i);
      for (const expected of [
        'Tack för att du skrev till Hägerstens gruppbostäder!',
        `Diarienummer: ${c.reference}`,
        'Hägerstens gruppbostäder',
        'Exempelkommunen',
        'Telefon: 08-508 000 00',
        'Din synpunkt gäller vår kvalitetsgaranti, där vi lovar: ”Du får svar inom fem arbetsdagar”.',
        'Har vi inte hållit det vi lovat gör vi rättelse: Enhetschefen ringer upp dig inom en vecka',
      ])
        expect(text).toContain(expected);
      expect(text).toMatch(/Vi svarar senast 2026-01-\d\d\./);
      expect(text).not.toMatch(/<img|https?:\/\//i);
      const [receipt] = await messages(c.id);
      const read = await t.http().get(`/api/cases/${c.id}/messages/${receipt.messageId}`).set(manager).expect(200);
      expect(read.body).toMatchObject({
        kind: 'receipt',
        recipient: 'eva@example.se',
        text: 'Tack för att du skrev till Hägerstens gruppbostäder!',
      });
    });
  });

  describe('When the submitter’s e-mail address is corrected', () => {
    it('a manager resends the message, and it arrives at the corrected address with the same text', async () => {
      const c = await register({ name: 'Olle', email: 'olle@fel.example' });
      await step(c.id, 'respond', { message: 'Köket värmer nu maten längre.', outcome: 'justified' });
      await mailTo('olle@fel.example');
      const [response] = await messages(c.id);
      await t
        .http()
        .post(`/api/cases/${c.id}/rectify-submitter`)
        .set(manager)
        .send({ submitter: { name: 'Olle', email: 'olle@ratt.example' } })
        .expect(200);
      await step(c.id, `messages/${response.messageId}/resend`, {});
      const [again] = await mailTo('olle@ratt.example');
      expect(decoded(again.raw)).toContain('Köket värmer nu maten längre.');
      expect(decoded(again.raw)).toContain(`Diarienummer: ${c.reference}`);
      expect(smtp.received.filter((m) => m.to.includes('olle@fel.example'))).toHaveLength(1);
      const list = await until('both responses sent', async () => {
        const l = await messages(c.id);
        return l.length === 2 && l.every((m) => m.status === 'sent') ? l : undefined;
      });
      expect(list.map((m) => m.kind)).toEqual(['response', 'response']);
    });

    it('refuses when there is nobody to send to (400 on send), when an intake user asks (403), and once erased (409)', async () => {
      const c = await register({ email: 'kort@example.se' });
      await step(c.id, 'acknowledge', { send: 'none' });
      const [receipt] = await messages(c.id);
      await t
        .http()
        .post(`/api/cases/${c.id}/rectify-submitter`)
        .set(manager)
        .send({ submitter: { phone: '070-123 45 67' } })
        .expect(200);
      const none = await step(c.id, `messages/${receipt.messageId}/resend`, {}, 400);
      expect(none.body.errors).toEqual([{ field: 'send', message: expect.stringMatching(/no e-mail or postal address/) }]);
      await t.http().post(`/api/cases/${c.id}/messages/${receipt.messageId}/resend`).set(intake).send({}).expect(403);
      await t.http().post(`/api/cases/${c.id}/erase-personal-data`).set(admin).send({ reason: 'GDPR art. 17' }).expect(200);
      const gone = await step(c.id, `messages/${receipt.messageId}/resend`, {}, 409);
      expect(gone.body.detail).toMatch(/erased/);
    });
  });

  describe('When a duplicate was merged into the case', () => {
    it('the response also reaches the duplicate’s submitter, under the duplicate’s reference, once', async () => {
      const main = await register({ name: 'Frida Första', email: 'forsta@example.se', address: 'Hissvägen 1' });
      const duplicate = await register({ email: 'andra@example.se' });
      await step(duplicate.id, 'merge', { intoCaseId: main.id });
      await step(main.id, 'respond', { message: 'Vi har lagat hissen.', outcome: 'justified' });
      const [first] = await mailTo('forsta@example.se');
      const [second] = await mailTo('andra@example.se');
      expect(decoded(first.raw)).toContain('Vi har lagat hissen.');
      const text = decoded(second.raw);
      expect(text).toContain('Vi har lagat hissen.');
      expect(text).toContain(`Diarienummer: ${duplicate.reference}`);
      expect(text).toContain(`handlagts tillsammans med ärende ${main.reference}`);
      // The unit's answer, not the other submitter's: nothing of who wrote the main case goes with it.
      for (const theirs of ['Frida', 'forsta@example.se', 'Hissvägen']) expect(text).not.toContain(theirs);
      const forwarded = await until('the forwarded response sent', async () => {
        const l = await messages(duplicate.id);
        return l.length === 1 && l[0].status === 'sent' ? l : undefined;
      });
      expect(forwarded).toEqual([expect.objectContaining({ kind: 'response', channel: 'email' })]);
      await new Promise((r) => setTimeout(r, 200));
      expect(smtp.received.filter((m) => m.to.includes('andra@example.se'))).toHaveLength(1);
    });
  });

  describe('When the case a duplicate was merged into is confidential, or a duplicate’s submitter wanted no reply', () => {
    it('the copy is confidential (its e-mail carries no text), and the one who wanted no reply gets nothing', async () => {
      const main = await register({ name: 'Karin Källa', email: 'kalla@example.se' }, { confidential: true });
      const copy = await register({ email: 'kopia@example.se' });
      const quiet = await register({ email: 'tyst@example.se' }, { wantsReply: false });
      await step(copy.id, 'merge', { intoCaseId: main.id });
      await step(quiet.id, 'merge', { intoCaseId: main.id });
      await step(main.id, 'respond', { message: 'Det sekretessbelagda svaret om hissen.', outcome: 'justified' });
      const [own] = await mailTo('kalla@example.se');
      const [forwarded] = await mailTo('kopia@example.se');
      for (const mail of [own, forwarded]) {
        const text = decoded(mail.raw);
        expect(text).toContain('Av sekretesskäl skickas det inte med e-post');
        expect(text).not.toContain('sekretessbelagda svaret');
        expect(text).not.toContain('Karin');
      }
      expect(decoded(forwarded.raw)).toContain(`Diarienummer: ${copy.reference}`);
      await until('the copy sent', async () => ((await messages(copy.id))[0]?.status === 'sent' ? true : undefined));
      await new Promise((r) => setTimeout(r, 200));
      expect(await messages(quiet.id)).toEqual([]);
      expect(smtp.received.filter((m) => m.to.includes('tyst@example.se'))).toEqual([]);
    });
  });

  describe('When a response was sent', () => {
    it('the Open311 request’s public notes say so, never its text', async () => {
      const c = await register({ email: 'open@example.se' });
      await step(c.id, 'respond', { message: 'Hemligt svar till Open', outcome: 'unjustified' });
      await mailTo('open@example.se');
      const notes = await until('the note', async () => {
        const [request] = (await t.http().get(`/open311/v2/requests/${c.reference}.json`).expect(200)).body;
        const n = request.notes as { summary: string; description?: string }[];
        return n.some((x) => x.summary === 'Svar har skickats') ? n : undefined;
      });
      expect(notes).toContainEqual(expect.objectContaining({ type: 'activity', summary: 'Svar har skickats', description: 'Med e-post' }));
      const listed = await until('the listed note', async () => {
        const [row] = (await t.http().get(`/open311/v2/requests.json?service_request_id=${c.reference}`).expect(200)).body;
        return row?.notes.some((x: { summary: string }) => x.summary === 'Svar har skickats') ? row : undefined;
      });
      expect(JSON.stringify([notes, listed])).not.toContain('Hemligt svar');
    });
  });

  describe('When all that was sent, resent and forwarded lies on disk', () => {
    it('no text or address of it is in plaintext in DATA_DIR', async () => {
      checkpointAll(t.dataDir);
      for (const secret of [
        'Vi har lagat hissen',
        'Köket värmer nu maten',
        'olle@ratt.example',
        'andra@example.se',
        'sekretessbelagda svaret',
        'kopia@example.se',
        'Hemligt svar till Open',
      ])
        expect([secret, filesContaining(t.dataDir, secret)]).toEqual([secret, []]);
    });
  });
});
