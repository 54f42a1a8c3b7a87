import PDFDocument from 'pdfkit';
import { stockholmDate } from '@app/core';
import { contactLines, MessageContent, renderMessage } from './message.template';

export const PDF_TYPE = 'application/pdf';

export interface Letter {
  content: MessageContent;
  /** The recipient as queued: the submitter's name and postal address, parts separated by commas. */
  recipient: string;
  /** When the message was queued: the letter's date, and the PDF's creation date (so the same letter is the same bytes). */
  queuedAt: string;
}

const MM = 72 / 25.4;

// The standard PDF fonts draw WinAnsi (Latin-1 and a few more) only; anything else would print as the wrong glyph.
const WIN_ANSI_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
const drawable = (ch: string) => /^[\n\x20-\x7e\xa0-\xff]$/.test(ch) || WIN_ANSI_EXTRA.includes(ch);
const NO_DECOMPOSITION: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', ı: 'i' };

/** A name like Łukasz Nguyễn as the standard fonts can print it (Lukasz Nguyen), rather than as wrong glyphs. */
export function printable(text: string): string {
  return Array.from(text, (ch) => {
    if (drawable(ch)) return ch;
    const bare = NO_DECOMPOSITION[ch] ?? ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    return Array.from(bare).every(drawable) ? bare : '?';
  }).join('');
}

/**
 * A message as an A4 letter for printing: the municipality and the unit with its contact details at the top, the
 * recipient's name and address where a window envelope shows it, the date and reference, then the text. Rendered on
 * demand from the sealed message and never written to disk: what it says goes with the case's key.
 */
export function letterPdf({ content, recipient, queuedAt }: Letter): Promise<Buffer> {
  const rendered = renderMessage(content, true);
  const created = new Date(queuedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 20 * MM, bottom: 20 * MM, left: 25 * MM, right: 20 * MM },
    // No personal data in the metadata: the reference and the kind only.
    info: { Title: rendered.subject, Author: content.municipality, Creator: 'Synpunkt', Producer: 'Synpunkt', CreationDate: created },
    lang: 'sv-SE',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc
    .font('Helvetica-Bold')
    .fontSize(14)
    .text(printable(content.municipality), left, 20 * MM, { width });
  doc
    .font('Helvetica')
    .fontSize(9)
    .text(printable([content.unit.name, ...contactLines(content.unit)].join('\n')), { width: width / 2 });
  doc.fontSize(10).text(`Datum: ${stockholmDate(queuedAt)}\nDiarienummer: ${content.reference}`, left + width / 2, 20 * MM + 20, {
    width: width / 2,
    align: 'right',
  });

  // The address field of a C5/C4 window envelope (SS 19 10 11): 20 mm from the left edge, 50 mm from the top.
  const lines = recipient.split(/,\s*/).filter(Boolean);
  doc.fontSize(11).text(printable(lines.join('\n')), 20 * MM + 5, 50 * MM, { width: 85 * MM });

  doc
    .font('Helvetica-Bold')
    .fontSize(13)
    .text(printable(rendered.subject), left, 100 * MM, { width });
  doc.moveDown(0.8);
  doc.font('Helvetica').fontSize(11);
  for (const p of rendered.paragraphs) doc.text(printable(p), { width }).moveDown(0.7);
  doc.end();
  return done;
}
