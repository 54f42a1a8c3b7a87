import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
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

/**
 * DejaVu Sans, embedded (pdfkit subsets it to the glyphs a letter uses): the standard PDF fonts draw Latin-1 only, and
 * submitters are named Łukasz, Nguyễn, Şükrü and Олена. Read once, at start-up, so a missing font fails the boot and
 * not a letter; resolved through node's module resolution so it is found from the sources, from dist/ and in the image.
 */
const FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;
const FONTS = {
  regular: readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${FONT_FILES.regular}`)),
  bold: readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${FONT_FILES.bold}`)),
};
// What both faces can draw, asked of fontkit: the same character-to-glyph map pdfkit lays the text out with.
const COVERAGE = Object.values(FONTS).map((data) => fontkit.create(data) as fontkit.Font);

/**
 * Right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko and the rest of those blocks): DejaVu has glyphs for some
 * of them, but pdfkit neither reorders them (no bidi algorithm) nor reliably joins them, so they would print reversed
 * or broken. They print as '?', like characters the fonts lack (CJK, for one), rather than as wrong text.
 */
const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;
// Formatting characters have no ink, and the bidi ones would do nothing here; the soft hyphen is pdfkit's to use.
const INVISIBLE = /(?!\u00ad)\p{Cf}/u;
const MARK = /\p{M}/u;

const drawable = (ch: string) =>
  ch === '\n' || (!RIGHT_TO_LEFT.test(ch) && COVERAGE.every((f) => f.hasGlyphForCodePoint(ch.codePointAt(0)!)));

/** A letter the fonts lack as one character may be drawn as its base letter with its marks, or without them. */
function fallback(ch: string): string | undefined {
  const parts = ch.normalize('NFD');
  if (parts === ch) return undefined;
  if (Array.from(parts).every(drawable)) return parts;
  const bare = parts.replace(/\p{M}/gu, '');
  return bare && Array.from(bare).every(drawable) ? bare : undefined;
}

/**
 * Text as the letter's fonts can print it: everything they can draw as it is (Łukasz Nguyễn, Олена Коваленко), and a
 * '?' for each character they cannot draw correctly, marking it rather than printing a wrong glyph or reversed text.
 */
export function printable(text: string): string {
  let out = '';
  let lost = false; // the last character became a '?': the marks that sat on it go with it
  for (const ch of text.normalize('NFC')) {
    if (INVISIBLE.test(ch) || (lost && MARK.test(ch))) continue;
    const shown = drawable(ch) ? ch : fallback(ch);
    lost = shown === undefined;
    out += shown ?? '?';
  }
  return out;
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
  // The subset's name tag is derived from the font's id in the document (F1, F2), not random: same letter, same bytes.
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('bold', FONTS.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc
    .font('bold')
    .fontSize(14)
    .text(printable(content.municipality), left, 20 * MM, { width });
  doc
    .font('regular')
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
    .font('bold')
    .fontSize(13)
    .text(printable(rendered.subject), left, 100 * MM, { width });
  doc.moveDown(0.8);
  doc.font('regular').fontSize(11);
  for (const p of rendered.paragraphs) doc.text(printable(p), { width }).moveDown(0.7);
  doc.end();
  return done;
}
