import type { MessageKind } from '../case.events';

/** Everything a message's words are made of: the step's own text and what the case, its unit and its guarantee say. */
export interface MessageContent {
  kind: MessageKind;
  reference: string;
  confidential: boolean;
  /** The step's own text (the receipt's, the question, the delay notice's reason, the response). */
  text: string;
  unit: { name: string; email?: string; phone?: string; address?: string };
  municipality: string;
  /** The next deadline the submitter can hold us to (YYYY-MM-DD), where one is still ahead. */
  deadline?: string;
  /** The case named a guarantee commitment: what was promised and the rättelse the guarantee offers. */
  guarantee?: { commitment: string; remedy: string };
  /** This case was merged into another as a duplicate: the reference of the case whose response this is. */
  handledWith?: string;
}

export interface RenderedMessage {
  subject: string;
  /** Paragraphs, in order; the plain text joins them with blank lines. */
  paragraphs: string[];
  text: string;
  html: string;
}

export const SUBJECTS: Record<MessageKind, string> = {
  receipt: 'Vi har tagit emot din synpunkt',
  question: 'En fråga om din synpunkt',
  delay_notice: 'Svaret på din synpunkt dröjer',
  response: 'Svar på din synpunkt',
};

const LEADS: Record<MessageKind, string | undefined> = {
  receipt: undefined, // the receipt's text is the whole message
  question: 'Vi behöver veta mer för att kunna handlägga din synpunkt:',
  delay_notice: 'Handläggningen av din synpunkt tar längre tid än vi har lovat. Skälet är:',
  response: 'Här är vårt svar på din synpunkt:',
};

const DEADLINE_LINES: Record<MessageKind, (d: string) => string | undefined> = {
  receipt: (d) => `Vi svarar senast ${d}.`,
  question: (d) => `Svara gärna så snart du kan. Vi svarar dig senast ${d}, räknat med den tid vi väntar på ditt svar.`,
  delay_notice: (d) => `Vi svarar senast ${d}.`,
  response: () => undefined,
};

/**
 * The Swedish words of a message, for an e-mail (`forLetter` false) or a letter. A confidential case's e-mail says
 * only that a message is ready and how to get it: neither its text nor what the case concerns goes by e-mail.
 */
export function renderMessage(c: MessageContent, forLetter = false): RenderedMessage {
  const subject = `${SUBJECTS[c.kind]} (${c.reference})`;
  const body =
    c.confidential && !forLetter
      ? [
          `Det finns ett meddelande till dig i ärende ${c.reference} från ${c.unit.name}.`,
          'Av sekretesskäl skickas det inte med e-post. Du får det med brev, eller kan hämta det hos oss: kontakta oss, så bestämmer vi hur.',
        ]
      : openBody(c);
  const signature = ['Med vänliga hälsningar', c.unit.name, c.municipality, ...contactLines(c.unit)].join('\n');
  const paragraphs = ['Hej!', ...body, `Diarienummer: ${c.reference}`, signature];
  return { subject, paragraphs, text: `${paragraphs.join('\n\n')}\n`, html: htmlOf(subject, paragraphs) };
}

function openBody(c: MessageContent): string[] {
  const lead = LEADS[c.kind];
  const deadline = c.deadline ? DEADLINE_LINES[c.kind](c.deadline) : undefined;
  // A receipt or notice whose text already names the date says it once.
  const due = deadline && !c.text.includes(c.deadline!) ? deadline : undefined;
  const promise = c.guarantee
    ? [
        `Din synpunkt gäller vår kvalitetsgaranti, där vi lovar: ”${c.guarantee.commitment}”.`,
        `Har vi inte hållit det vi lovat gör vi rättelse: ${c.guarantee.remedy}`,
      ]
    : [];
  const merged = c.handledWith ? [`Din synpunkt har handlagts tillsammans med ärende ${c.handledWith}, som gällde samma sak.`] : [];
  return [...merged, ...(lead ? [lead] : []), c.text, ...(due ? [due] : []), ...promise];
}

export function contactLines(unit: MessageContent['unit']): string[] {
  return [
    ...(unit.email ? [`E-post: ${unit.email}`] : []),
    ...(unit.phone ? [`Telefon: ${unit.phone}`] : []),
    ...(unit.address ? [`Adress: ${unit.address}`] : []),
  ];
}

/** Text as HTML: every character that means something in HTML escaped; no images, no links, nothing fetched. */
export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

function htmlOf(subject: string, paragraphs: string[]): string {
  const ps = paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\r?\n/g, '<br>\n')}</p>`).join('\n');
  return `<!DOCTYPE html>\n<html lang="sv">\n<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>\n<body>\n${ps}\n</body>\n</html>\n`;
}
