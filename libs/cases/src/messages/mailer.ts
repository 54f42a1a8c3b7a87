import { createTransport, Transporter } from 'nodemailer';
import { isLoopbackHost } from '@app/auth';
import type { MessageQueued } from '../case.events';
import { MessageContent, renderMessage } from './message.template';

/** A queued message with its sealed fields opened: what a composer makes the e-mail from. */
export type OpenedMessage = MessageQueued['data'] & { recipient: string; text: string };

/** An e-mail as the outbox hands it to the mail server. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** An HTML part beside the plain text (no tracking pixels, no external images). */
  html?: string;
  /** The unit's address, so a reply reaches the people handling the case. */
  replyTo?: string;
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
      await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
        messageId: mail.messageId,
      });
      return mail.messageId;
    },
  };
}

/**
 * The server refused this recipient for good (a 5xx reply to RCPT TO: no such mailbox, say): trying again would only be
 * refused again. A 5xx to anything else (AUTH: an expired password; MAIL FROM: the sender; DATA) is the outbox's own
 * trouble, shared by every message: retried with back-off, not failed at once, so mending it sends them all.
 */
export function refusedForGood(err: unknown): boolean {
  const { responseCode, command } = (err ?? {}) as { responseCode?: unknown; command?: unknown };
  return typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600 && command === 'RCPT TO';
}

/**
 * The e-mail of a queued message (its text and recipient opened), in the words of the Swedish templates
 * (message.template.ts) with what the case, its unit and its guarantee say (`content`; without it, the message alone).
 * A confidential case's e-mail says only that a message is ready and how to get it; its text never goes by e-mail.
 * Reply-To is the unit's address, so an answer reaches the people handling the case.
 */
export function mailOf(m: OpenedMessage, from: string, content: MessageContent = bareContent(m)): Mail {
  const domain = from.replace(/^.*@/, '').replace(/>.*$/, '') || 'synpunkt';
  const rendered = renderMessage(content);
  return {
    to: m.recipient,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    ...(content.unit.email ? { replyTo: content.unit.email } : {}),
    messageId: `<${m.messageId}@${domain}>`,
  };
}

const bareContent = (m: OpenedMessage): MessageContent => ({
  kind: m.kind,
  reference: m.reference,
  confidential: m.confidential,
  text: m.text,
  unit: { name: 'Handläggande enhet' },
  municipality: '',
});
