import { messageCatalogs } from './locales/index.js';
import type { ChallengeMessageValues, MessageCatalog } from './message-catalog.js';

/** The language every message falls back to. */
export const fallbackLocale = 'en';

/** The languages messages can be sent in (lower-case tags). */
export const supportedLocales: readonly string[] = messageCatalogs.map((catalog) => catalog.locale);

function findCatalog(locale: string): MessageCatalog | undefined {
  const tag = locale.trim().toLowerCase().replaceAll('_', '-');
  if (tag === '') return undefined;
  const exact = messageCatalogs.find((catalog) => catalog.locale === tag);
  if (exact) return exact;
  // `de-AT` is written in German: fall back from a regional tag to its language.
  const language = tag.split('-')[0];
  return messageCatalogs.find((catalog) => catalog.locale === language);
}

/**
 * The catalog for the first of `preferences` that Latchkey has (each by its exact tag, then
 * by its language: `de-AT` → `de`), else English.
 */
export function resolveMessageCatalog(
  preferences: readonly (string | null | undefined)[],
): MessageCatalog {
  for (const preference of preferences) {
    if (typeof preference !== 'string') continue;
    const catalog = findCatalog(preference);
    if (catalog) return catalog;
  }
  return findCatalog(fallbackLocale) as MessageCatalog;
}

/** A rendered email: subject, plain text and HTML. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Renders the email for an `email_otp` or `email_link` challenge in the catalog's language. */
export function renderChallengeMail(
  catalog: MessageCatalog,
  kind: 'emailOtp' | 'emailLink',
  values: ChallengeMessageValues,
): RenderedMail {
  const content = catalog[kind](values);
  return { subject: content.subject, text: content.text, html: content.html.value };
}

/** Renders the SMS for an `sms_otp` challenge in the catalog's language. */
export function renderChallengeSms(
  catalog: MessageCatalog,
  values: ChallengeMessageValues,
): string {
  return catalog.smsOtp(values);
}
