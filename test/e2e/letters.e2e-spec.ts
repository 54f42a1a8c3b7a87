import { execFile } from 'node:child_process';
import { binary, guaranteeDraft, startTestApp, TestApp } from '../support/test-app';

type H = { Authorization: string };
/**
 * The PDF's text as pdf-parse (pdf.js) reads it back. In a plain node child: pdf.js loads its worker by a dynamic
 * import, which jest's module sandbox refuses.
 */
const PARSE = `const { PDFParse } = require('pdf-parse');
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c)).on('end', async () => {
  const parser = new PDFParse({ data: Buffer.concat(chunks) });
  process.stdout.write((await parser.getText()).text);
  await parser.destroy();
});`;
const pdfText = (data: Buffer) =>
  new Promise<string>((resolve, reject) => {
    const child = execFile(process.execPath, ['-e', PARSE], { cwd: process.cwd(), maxBuffer: 1 << 24 }, (err, stdout) =>
      err ? reject(err) : resolve(stdout),
    );
    child.stdin!.end(data);
  });

describe('letters: a message to a submitter without e-mail is a PDF letter, read back from the sealed message', () => {
  let t: TestApp;
  let intake: H, manager: H, admin: H;
  const submitter = { name: 'Karin Berg', address: 'Storgatan 1, 123 45 Staden' };

  const register = (over: object = {}) => t.complaint({ channel: 'letter', submitter, ...over });
  const messagesOf = async (id: string) =>
    (await t.http().get(`/api/cases/${id}`).set(manager).expect(200)).body.messages as { messageId: string; channel: string }[];
  const letter = (id: string, messageId: string, as: H = manager) =>
    t.http().get(`/api/cases/${id}/messages/${messageId}`).set(as).set('Accept', 'application/pdf').buffer(true).parse(binary);

  beforeAll(async () => {
    t = await startTestApp({ env: { MUNICIPALITY_NAME: 'Exempelkommunen' } });
    [intake, manager, admin] = [await t.as('intake'), await t.as('manager', ['hgb']), await t.as('admin')];
    await t.unit('hgb', { name: 'Hägerstens gruppbostäder' });
    await t
      .http()
      .post('/api/units/hgb/contact')
      .set(admin)
      .send({ email: 'hgb@kommun.example', phone: '08-508 000 00', address: 'Box 1, 129 00 Hägersten' })
      .expect(200);
    const draft = guaranteeDraft('hgb', {
      commitments: [{ id: 'svar', text: 'Du får svar inom fem arbetsdagar', responseWorkingDays: 5 }],
      remedy: 'Enhetschefen ringer upp dig inom en vecka',
    });
    await t.http().post('/api/guarantees').set(admin).send(draft).expect(201);
    await t.http().post('/api/guarantees/hgb-2026/adopt').set(admin).send({ decidedOn: '2026-01-09', decisionRef: '§ 7' }).expect(200);
  });
  afterAll(() => t.close());

  describe('When a complaint that named a commitment is responded to by letter', () => {
    let c: { id: string; reference: string };
    let messageId: string;

    beforeAll(async () => {
      c = await register({ guaranteeId: 'hgb-2026', commitmentId: 'svar', receivedAt: '2026-01-12T10:00:00Z' });
      await t.http().post(`/api/cases/${c.id}/respond`).set(manager).send({ message: 'Vi har bytt leverantör.', outcome: 'justified' });
      [{ messageId }] = (await messagesOf(c.id)).filter((m) => m.channel === 'letter');
    });

    it('the message reads with its recipient, subject and text for those who may read the case', async () => {
      const res = await t.http().get(`/api/cases/${c.id}/messages/${messageId}`).set(manager).expect(200);
      expect(res.body).toMatchObject({
        messageId,
        kind: 'response',
        channel: 'letter',
        queuedAt: expect.any(String),
        attempts: expect.any(Number),
        recipient: 'Karin Berg, Storgatan 1, 123 45 Staden',
        subject: `Svar på din synpunkt (${c.reference})`,
        text: 'Vi har bytt leverantör.',
      });
    });

    it('the PDF, parsed back, is an A4 letter with the municipality, the unit, the recipient, date, reference, text and the guarantee', async () => {
      const res = await letter(c.id, messageId).expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/pdf/);
      const pdf = res.body as Buffer;
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
      // lines joined: where the text wraps depends on the font's widths
      const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
      for (const expected of [
        'Exempelkommunen',
        'Hägerstens gruppbostäder',
        'E-post: hgb@kommun.example',
        'Telefon: 08-508 000 00',
        'Karin Berg',
        'Storgatan 1',
        '123 45 Staden',
        `Diarienummer: ${c.reference}`,
        'Här är vårt svar på din synpunkt:',
        'Vi har bytt leverantör.',
        'Du får svar inom fem arbetsdagar',
        'Enhetschefen ringer upp dig inom en vecka',
      ])
        expect(text).toContain(expected);
      expect(text).toMatch(/Datum: \d{4}-\d{2}-\d{2}/);
    });

    it('the same letter is the same bytes (its creation date is the message’s)', async () => {
      const [a, b] = [(await letter(c.id, messageId).expect(200)).body, (await letter(c.id, messageId).expect(200)).body] as Buffer[];
      expect(a.equals(b)).toBe(true);
    });

    it('a manager of another unit may not read it (403); an unknown message is 404', async () => {
      await t
        .http()
        .get(`/api/cases/${c.id}/messages/${messageId}`)
        .set(await t.as('manager', ['other']))
        .expect(403);
      const res = await t.http().get(`/api/cases/${c.id}/messages/00000000-0000-4000-8000-000000000000`).set(manager).expect(404);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    });
  });

  describe('When the recipient’s name and address are written beyond Latin-1', () => {
    const lettersTo = async (submitter: { name: string; address: string }, message?: string) => {
      const c = await register({ submitter });
      await t.http().post(`/api/cases/${c.id}/acknowledge`).set(manager).send({ message }).expect(200);
      const [{ messageId }] = await messagesOf(c.id);
      return pdfText((await letter(c.id, messageId).expect(200)).body as Buffer);
    };

    it.each([
      ['Łukasz Nguyễn', 'Đường Lê Lợi 12', '118 60 Stockholm'],
      ['Олена Коваленко', 'вул. Хрещатик 22', '01001 Київ'],
      ['Şükrü Çelik', 'Gülşen Sokağı 4', '34000 İstanbul'],
    ])('the letter to %s prints the name and address exactly, marks and all', async (name, street, city) => {
      const text = await lettersTo({ name, address: `${street}, ${city}` });
      for (const expected of [name, street, city]) expect(text).toContain(expected);
    });

    it('the text, too, in the recipient’s script (a name typed as letters and combining marks prints composed)', async () => {
      const text = await lettersTo(
        { name: 'Nguye\u0302\u0303n Văn An', address: 'Ringvägen 2, 118 60 Stockholm' },
        'Дякуємо, Олено! Vi återkommer.',
      );
      expect(text).toContain('Nguyễn Văn An');
      expect(text).toContain('Дякуємо, Олено! Vi återkommer.');
    });

    it('what the font cannot print correctly (CJK, right-to-left scripts) is marked with ?, not printed wrong or reversed', async () => {
      const text = await lettersTo({ name: '李小龍 Cohen כהן', address: 'Ringvägen 2, 118 60 Stockholm' });
      expect(text).toContain('??? Cohen ???');
    });
  });

  describe('When the case is confidential', () => {
    it('intake sees the message without its text or recipient, and may not have the letter; its manager may', async () => {
      const c = await register({ confidential: true });
      await t.http().post(`/api/cases/${c.id}/acknowledge`).set(manager).send({ message: 'Om din sons skola' }).expect(200);
      const [{ messageId }] = await messagesOf(c.id);
      const seen = await t.http().get(`/api/cases/${c.id}/messages/${messageId}`).set(intake).expect(200);
      expect(seen.body).toMatchObject({ kind: 'receipt', channel: 'letter' });
      expect(seen.body).not.toHaveProperty('text');
      expect(seen.body).not.toHaveProperty('recipient');
      await letter(c.id, messageId, intake).expect(403);
      const disclosures = async () =>
        ((await t.http().get('/api/audit/disclosures').set(admin).expect(200)).body.disclosures as { caseId: string }[]).filter(
          (d) => d.caseId === c.id,
        ).length;
      const before = await disclosures(); // the manager's GET of the case above was one
      expect(await pdfText((await letter(c.id, messageId).expect(200)).body as Buffer)).toContain('Om din sons skola');
      // reading a confidential case's message is a disclosure, as its GET is
      expect(await disclosures()).toBe(before + 1);
    });
  });

  describe('When the case’s personal data was erased', () => {
    it('the message and its letter are gone: 410 problem+json', async () => {
      const c = await register();
      await t.http().post(`/api/cases/${c.id}/acknowledge`).set(manager).send({}).expect(200);
      const [{ messageId }] = await messagesOf(c.id);
      await letter(c.id, messageId).expect(200);
      await t.http().post(`/api/cases/${c.id}/erase-personal-data`).set(admin).send({ reason: 'GDPR art. 17' }).expect(200);
      const json = await t.http().get(`/api/cases/${c.id}/messages/${messageId}`).set(manager).expect(410);
      expect(json.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(json.body.detail).toMatch(/erased/);
      await letter(c.id, messageId).expect(410);
    });
  });
});
