/** An email ready to send. */
export interface OutgoingMail {
  /** The project it is sent for (the dev outbox files it under this). */
  projectId: string;
  /** `address` or `Name <address>`. */
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** An SMS ready to send. */
export interface OutgoingSms {
  projectId: string;
  /** E.164, e.g. +4915112345678. */
  to: string;
  text: string;
}

/** Sends email. `send` resolves once the message was handed over, and throws otherwise. */
export interface MailTransport {
  /** `smtp` or `dev`, for start-up output. */
  readonly kind: string;
  send(mail: OutgoingMail): Promise<void>;
}

/** Sends SMS. `send` resolves once the message was handed over, and throws otherwise. */
export interface SmsTransport {
  /** `webhook` or `dev`, for start-up output. */
  readonly kind: string;
  send(sms: OutgoingSms): Promise<void>;
}

/** How the server sends messages: built once at start from the configuration. */
export interface Messaging {
  mail: MailTransport;
  sms: SmsTransport;
  /** Sender of mail for projects without their own (`LATCHKEY_MAIL_FROM`). */
  defaultMailFrom: string;
}

/** The sender when neither `LATCHKEY_MAIL_FROM` nor the project's `email_from` is set. */
export const builtInMailFrom = 'Latchkey <no-reply@localhost>';
