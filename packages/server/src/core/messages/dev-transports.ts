import { insertOutboundMessage } from '../../store/outbound-message.store.js';
import type { CoreDeps } from '../deps.js';
import { newId } from '../ids.js';
import type { MailTransport, SmsTransport } from './transports.js';

/** How long the dev outbox keeps a message. */
export const devOutboxLifetimeMs = 24 * 60 * 60 * 1000;

export interface DevTransportOptions {
  deps: CoreDeps;
  /**
   * Where the framed message is printed: standard error by default (never the structured
   * logger, which would redact or drop the code the developer needs). `null` prints nothing.
   */
  write?: ((text: string) => void) | null;
}

function frame(title: string, headers: [string, string][], body: string): string {
  const rule = '-'.repeat(72);
  const width = Math.max(...headers.map(([name]) => name.length)) + 2;
  return [
    `+-- ${title} ${rule}`.slice(0, 76),
    ...headers.map(([name, value]) => `| ${`${name}:`.padEnd(width)}${value}`),
    '|',
    ...body
      .replace(/\n+$/, '')
      .split('\n')
      .map((line) => (line === '' ? '|' : `| ${line}`)),
    `+-- shown again by \`latchkey mails\` for 24 hours ${rule}`.slice(0, 76),
    '',
  ].join('\n');
}

function writer(options: DevTransportOptions): (text: string) => void {
  if (options.write === null) return () => {};
  return options.write ?? ((text) => process.stderr.write(text));
}

/**
 * Mail for development without an SMTP server: the message goes to the dev outbox table
 * (`latchkey mails`) and is printed in full, so the developer can read the code.
 */
export function createDevMailTransport(options: DevTransportOptions): MailTransport {
  const write = writer(options);
  const { db, clock, random } = options.deps;
  return {
    kind: 'dev',
    async send(mail) {
      const now = clock.now();
      await insertOutboundMessage(db, {
        id: newId('message', random),
        projectId: mail.projectId,
        channel: 'email',
        recipient: mail.to,
        subject: mail.subject,
        textBody: mail.text,
        htmlBody: mail.html,
        createdAt: now,
        expiresAt: now + devOutboxLifetimeMs,
      });
      write(
        frame(
          'Latchkey dev mail (not sent: LATCHKEY_SMTP_URL is not set)',
          [
            ['To', mail.to],
            ['From', mail.from],
            ['Subject', mail.subject],
            ['Project', mail.projectId],
          ],
          mail.text,
        ),
      );
    },
  };
}

/**
 * SMS for development without a provider: into the dev outbox and printed, like dev mail.
 */
export function createDevSmsTransport(options: DevTransportOptions): SmsTransport {
  const write = writer(options);
  const { db, clock, random } = options.deps;
  return {
    kind: 'dev',
    async send(sms) {
      const now = clock.now();
      await insertOutboundMessage(db, {
        id: newId('message', random),
        projectId: sms.projectId,
        channel: 'sms',
        recipient: sms.to,
        subject: '',
        textBody: sms.text,
        htmlBody: null,
        createdAt: now,
        expiresAt: now + devOutboxLifetimeMs,
      });
      write(
        frame(
          'Latchkey dev SMS (not sent: LATCHKEY_SMS_WEBHOOK_URL is not set)',
          [
            ['To', sms.to],
            ['Project', sms.projectId],
          ],
          sms.text,
        ),
      );
    },
  };
}
