import type { SafeHtml } from './html.js';

/** What a challenge message says: the values every template may use. */
export interface ChallengeMessageValues {
  /** The project's name, as the sender the user knows. */
  projectName: string;
  /** The one-time code (OTP messages). */
  code: string;
  /** The full link, with challenge ID and token (link messages). */
  link: string;
  /** How long the code or link works, in seconds. */
  lifetimeSeconds: number;
}

/** An email in one language: a subject, a plain-text part and an HTML part. */
export interface MailContent {
  subject: string;
  text: string;
  /** Built with the `html` tag, so every interpolated value is escaped. */
  html: SafeHtml;
}

/**
 * Every message Latchkey sends, in one language. One file per language in `locales/`
 * implements it; `locales/index.ts` lists them.
 */
export interface MessageCatalog {
  /** Lower-case BCP 47 tag: `en`, `de`, `pt-br`. */
  locale: string;
  /** Email with a one-time code (`email_otp`). */
  emailOtp(values: ChallengeMessageValues): MailContent;
  /** Email with a link (`email_link`). */
  emailLink(values: ChallengeMessageValues): MailContent;
  /** SMS with a one-time code (`sms_otp`): plain text, short. */
  smsOtp(values: ChallengeMessageValues): string;
}
