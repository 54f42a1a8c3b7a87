import { letterPdf, printable } from './letter.pdf';
import { MessageContent } from './message.template';

describe('a letter’s text for its embedded Unicode font (DejaVu Sans)', () => {
  it('keeps Swedish and other Latin-1 letters, and the typographic quotes and dashes', () =>
    expect(printable('Åsa Öberg, Zoë Ångström – ”citat” €')).toBe('Åsa Öberg, Zoë Ångström – ”citat” €'));

  it('keeps letters beyond Latin-1 with their marks: Polish, Vietnamese, Turkish, Czech, Cyrillic, Greek', () => {
    const names = 'Łukasz Nguyễn, Şükrü Çelik, Dvořák, Олена Коваленко, Γιώργος Παπαδόπουλος, Đặng Thị Hương';
    expect(printable(names)).toBe(names);
  });

  it('composes letters typed as a base letter and combining marks (as some keyboards and forms send them)', () =>
    expect(printable('Nguye\u0302\u0303n')).toBe('Nguyễn'));

  it('marks scripts it cannot print correctly with a ? each, never reversed or as a wrong glyph: CJK, Hebrew, Arabic', () => {
    expect(printable('李小龍 Ali')).toBe('??? Ali');
    expect(printable('Ali כהן')).toBe('Ali ???');
    expect(printable('محمد Ali')).toBe('???? Ali');
    // pointed Hebrew: the vowel marks go with the letter they sat on
    expect(printable('שָׁלוֹם')).toBe('????');
  });

  it('drops invisible formatting characters (a stray bidi mark from a web form) and keeps line breaks', () =>
    expect(printable('\u200fKarin\u200e Berg\u2066\nStorgatan 1')).toBe('Karin Berg\nStorgatan 1'));
});

describe('a letter as a PDF', () => {
  const content: MessageContent = {
    kind: 'response',
    reference: 'KS 2026/0001',
    confidential: false,
    text: 'Vi har bytt leverantör. Tack för att du hörde av dig.',
    unit: { name: 'Hägerstens gruppbostäder', email: 'hgb@kommun.example', phone: '08-508 000 00', address: 'Box 1, 129 00 Hägersten' },
    municipality: 'Exempelkommunen',
    guarantee: { commitment: 'Du får svar inom fem arbetsdagar', remedy: 'Enhetschefen ringer upp dig inom en vecka' },
  };
  const letter = { content, recipient: 'Łukasz Nguyễn, Улица Шевченко 3, 123 45 Staden', queuedAt: '2026-01-12T10:00:00Z' };

  it('embeds the font, subset: no standard font, and a typical letter stays small (the whole regular face is 757 kB)', async () => {
    const pdf = await letterPdf(letter);
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans-Bold\b/);
    expect(raw).toContain('/FontFile2');
    expect(raw).not.toMatch(/Helvetica/);
    expect(pdf.length).toBeLessThan(40_000);
  });

  it('is the same bytes each time it is rendered (the font subsets’ tags are not random)', async () => {
    const [a, b] = [await letterPdf(letter), await letterPdf(letter)];
    expect(a.equals(b)).toBe(true);
  });
});
