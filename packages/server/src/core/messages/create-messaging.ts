import type { CoreDeps } from '../deps.js';
import { createDevMailTransport, createDevSmsTransport } from './dev-transports.js';
import { createSmtpMailTransport } from './smtp-mail-transport.js';
import { builtInMailFrom, type Messaging } from './transports.js';
import { createWebhookSmsTransport } from './webhook-sms-transport.js';

export interface MessagingSettings {
  /** `LATCHKEY_SMTP_URL`; unset: dev mail transport. */
  smtpUrl?: string | undefined;
  /** `LATCHKEY_MAIL_FROM`; unset: `Latchkey <no-reply@localhost>`. */
  mailFrom?: string | undefined;
  /** `LATCHKEY_SMS_WEBHOOK_URL`; unset: dev SMS transport. */
  smsWebhookUrl?: string | undefined;
  /** `LATCHKEY_SMS_WEBHOOK_AUTH`: the webhook's `Authorization` header. */
  smsWebhookAuth?: string | undefined;
}

/**
 * The transports the settings ask for: SMTP and the SMS webhook when configured, the dev
 * transports (terminal plus dev outbox) otherwise.
 */
export function createMessaging(
  settings: MessagingSettings,
  deps: CoreDeps,
  devOutput?: ((text: string) => void) | null,
): Messaging {
  const dev = { deps, ...(devOutput !== undefined && { write: devOutput }) };
  return {
    mail: settings.smtpUrl
      ? createSmtpMailTransport({ url: settings.smtpUrl })
      : createDevMailTransport(dev),
    sms: settings.smsWebhookUrl
      ? createWebhookSmsTransport({
          url: settings.smsWebhookUrl,
          authorization: settings.smsWebhookAuth,
        })
      : createDevSmsTransport(dev),
    defaultMailFrom: settings.mailFrom ?? builtInMailFrom,
  };
}
