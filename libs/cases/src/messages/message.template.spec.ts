import { MessageContent, renderMessage } from './message.template';

const content = (over: Partial<MessageContent> = {}): MessageContent => ({
  kind: 'receipt',
  reference: '2026-000042',
  confidential: false,
  text: 'Vi har tagit emot din synpunkt.',
  unit: { name: 'Hägerstens gruppbostäder', email: 'hgb@kommun.example', phone: '08-508 000 00', address: 'Box 1, 129 00 Hägersten' },
  municipality: 'Stockholms stad',
  deadline: '2026-03-16',
  ...over,
});

describe('message templates', () => {
  describe('When a receipt is rendered', () => {
    const r = renderMessage(content());

    it('names the kind and the reference in the subject', () => expect(r.subject).toBe('Vi har tagit emot din synpunkt (2026-000042)'));

    it('says the text, the reference, the deadline and the unit with its contact details, in Swedish', () =>
      expect(r.text).toBe(
        [
          'Hej!',
          'Vi har tagit emot din synpunkt.',
          'Vi svarar senast 2026-03-16.',
          'Diarienummer: 2026-000042',
          'Med vänliga hälsningar\nHägerstens gruppbostäder\nStockholms stad\nE-post: hgb@kommun.example\nTelefon: 08-508 000 00\nAdress: Box 1, 129 00 Hägersten',
        ].join('\n\n') + '\n',
      ));
  });

  describe('When the text already names the deadline', () => {
    it('says the date once', () => {
      const r = renderMessage(content({ kind: 'delay_notice', text: 'Vi behöver mer tid.\n\nDu får svar senast 2026-03-16.' }));
      expect(r.text.match(/2026-03-16/g)).toHaveLength(1);
      expect(r.text).toContain('Handläggningen av din synpunkt tar längre tid än vi har lovat. Skälet är:');
    });
  });

  describe('When the case named a guarantee commitment', () => {
    it('says what was promised and the rättelse the guarantee offers', () => {
      const guarantee = { commitment: 'Du får svar inom fem arbetsdagar.', remedy: 'Enhetschefen ringer upp dig inom en vecka.' };
      const r = renderMessage(content({ kind: 'response', text: 'Vi har ändrat rutinen.', deadline: undefined, guarantee }));
      expect(r.paragraphs).toEqual(
        expect.arrayContaining([
          'Här är vårt svar på din synpunkt:',
          'Vi har ändrat rutinen.',
          'Din synpunkt gäller vår kvalitetsgaranti, där vi lovar: ”Du får svar inom fem arbetsdagar.”.',
          'Har vi inte hållit det vi lovat gör vi rättelse: Enhetschefen ringer upp dig inom en vecka.',
        ]),
      );
      expect(r.html).toContain('Enhetschefen ringer upp dig inom en vecka.');
    });
  });

  describe('When the response is forwarded to a duplicate', () => {
    it('names the case it was handled with, and the duplicate’s own reference', () => {
      const r = renderMessage(content({ kind: 'response', text: 'Svar', handledWith: '2026-000041' }));
      expect(r.paragraphs.slice(1, 4)).toEqual([
        'Din synpunkt har handlagts tillsammans med ärende 2026-000041, som gällde samma sak.',
        'Här är vårt svar på din synpunkt:',
        'Svar',
      ]);
      expect(r.subject).toBe('Svar på din synpunkt (2026-000042)');
    });
  });

  describe('When the case is confidential', () => {
    const guarantee = { commitment: 'Stöd i skolan', remedy: 'Ett nytt möte' };
    const r = renderMessage(content({ confidential: true, text: 'Om din sons skola', guarantee }));

    it('the e-mail says only that a message is ready and how to get it', () => {
      expect(r.text).toContain('Det finns ett meddelande till dig i ärende 2026-000042 från Hägerstens gruppbostäder.');
      expect(r.text).toContain('Du får det med brev, eller kan hämta det hos oss');
      for (const part of [r.text, r.html]) {
        expect(part).not.toContain('Om din sons skola');
        expect(part).not.toContain('Stöd i skolan');
      }
    });

    it('the letter says it all', () =>
      expect(renderMessage(content({ confidential: true, text: 'Om din sons skola' }), true).text).toContain('Om din sons skola'));
  });

  describe('When the text holds HTML', () => {
    const r = renderMessage(content({ text: '<img src="https://spårning.example/p.gif"> & "citat" \'här\'' }));

    it('escapes it in the HTML part and keeps it as written in the plain text', () => {
      expect(r.html).toContain('&lt;img src=&quot;https://spårning.example/p.gif&quot;&gt; &amp; &quot;citat&quot; &#39;här&#39;');
      expect(r.html).not.toMatch(/<img|<a |<script|\s(src|href)="/i);
      expect(r.text).toContain('<img src="https://spårning.example/p.gif"> & "citat" \'här\'');
    });

    it('is a Swedish HTML document with no external resources', () => {
      expect(r.html).toMatch(/^<!DOCTYPE html>\n<html lang="sv">/);
      expect(r.html).not.toMatch(/https?:\/\/(?!spårning)/);
    });
  });
});
