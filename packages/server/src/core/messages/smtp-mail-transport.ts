import { createTransport } from 'nodemailer';
import type { MailTransport } from './transports.js';

export interface SmtpMailTransportOptions {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465` (TLS). */
  url: string;
  /** Gives up on an unresponsive server after this long. Default 15 s. */
  timeoutMs?: number;
}

/**
 * Sends mail through an SMTP server with nodemailer: one connection per message (challenge
 * mail is rare and must not wait behind a stuck pooled connection), bounded by timeouts so a
 * dead server fails the request instead of hanging it.
 */
export function createSmtpMailTransport(options: SmtpMailTransportOptions): MailTransport {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const transporter = createTransport({
    url: options.url,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
  });
  return {
    kind: 'smtp',
    async send(mail) {
      await transporter.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        // Nothing in a challenge mail may be fetched from or rewritten by anyone else.
        disableFileAccess: true,
        disableUrlAccess: true,
      });
    },
  };
}
