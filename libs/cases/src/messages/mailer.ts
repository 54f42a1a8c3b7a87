import { createTransport, Transporter } from 'nodemailer';
import { isLoopbackHost } from '@app/auth';
import type { MessageKind, MessageQueued } from '../case.events';

/** An e-mail as the outbox hands it to the mail server. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** Stable per message, so a duplicate after a crash is recognisably the same message. */
  messageId: string;
}

export interface Mailer {
  /** Resolves with the Message-ID once the server accepted the mail; rejects when it refused or could not be reached. */
  send(mail: Mail): Promise<string>;
}

/**
 * SMTP through nodemailer: `smtp://` (STARTTLS required unless the server is on a loopback address) or `smtps://`,
 * user and password in the URL. Bounded timeouts, so a hanging server never holds the projector for long.
 */
export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const url = new URL(smtpUrl);
  const transport: Transporter = createTransport({
    url: smtpUrl,
    requireTLS: url.protocol === 'smtp:' && !isLoopbackHost(url.hostname),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    logger: false,
  });
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId });
      return mail.messageId;
    },
  };
}

const SUBJECTS: Record<MessageKind, string> = {
  receipt: 'Vi har tagit emot din synpunkt',
  question: 'En fråga om din synpunkt',
  delay_notice: 'Svaret på din synpunkt dröjer',
  response: 'Svar på din synpunkt',
};

/**
 * The e-mail of a queued message (its text and recipient opened). A confidential case's e-mail says only that a
 * message is ready and how to get it; its text never goes by e-mail.
 */
export function mailOf(m: MessageQueued['data'] & { recipient: string; text: string }, from: string): Mail {
  const domain = from.replace(/^.*@/, '').replace(/>.*$/, '') || 'synpunkt';
  const text = m.confidential
    ? `Det finns ett meddelande till dig i ärende ${m.reference}. Av sekretesskäl skickas det inte med e-post: kontakta oss, så får du det.`
    : m.text;
  return {
    to: m.recipient,
    subject: `${SUBJECTS[m.kind]} (${m.reference})`,
    text: `${text}\n\nDiarienummer: ${m.reference}\n`,
    messageId: `<${m.messageId}@${domain}>`,
  };
}
