import { invalidField } from '../errors.js';

/** Validates a project name: 1 to 200 printable characters. */
export function validateProjectName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 200 || hasControlCharacters(trimmed)) {
    throw invalidField('name', 'must be 1 to 200 printable characters');
  }
  return trimmed;
}

/** Validates an origin: http(s), no path, no trailing slash. Returns the canonical form. */
export function validateOrigin(field: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidField(field, `"${value}" is not a URL; use e.g. https://app.example.com`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || value !== url.origin) {
    throw invalidField(
      field,
      `"${value}" must be a bare http(s) origin with no path or trailing slash, e.g. ${url.origin}`,
    );
  }
  return url.origin;
}

/** The scheme of an Android app's origin in `clientDataJSON` (Credential Manager, FIDO2 API). */
export const androidOriginPrefix = 'android:apk-key-hash:';

/** True for `http(s)://…` origins; false for app origins such as `android:apk-key-hash:…`. */
export function isWebOrigin(origin: string): boolean {
  return origin.startsWith('https://') || origin.startsWith('http://');
}

/**
 * Validates an origin passkeys may be used from: a web origin (see `validateOrigin`) or an
 * Android app, `android:apk-key-hash:` + the base64url SHA-256 of the app's signing
 * certificate without padding (43 characters), which is what Android puts into
 * `clientDataJSON.origin` for a native app.
 */
export function validateAllowedOrigin(field: string, value: string): string {
  if (!value.startsWith(androidOriginPrefix)) return validateOrigin(field, value);
  const hash = value.slice(androidOriginPrefix.length);
  // 43 base64url characters are 258 bits; re-encoding proves the last 2 bits are zero, so
  // there is exactly one spelling of each hash and the comparison with clientDataJSON holds.
  if (
    !/^[A-Za-z0-9_-]{43}$/.test(hash) ||
    Buffer.from(hash, 'base64url').toString('base64url') !== hash
  ) {
    throw invalidField(
      field,
      `"${value}" must be ${androidOriginPrefix} followed by the base64url SHA-256 of the app's signing certificate, 43 characters without padding`,
    );
  }
  return value;
}

/**
 * Validates a relying-party ID: a domain name (no scheme, port or path), and — WebAuthn §5.1.4
 * — every allowed web origin's host must equal it or be a subdomain of it, unless the origin
 * is one of the related origins that `/.well-known/webauthn` publishes (WebAuthn L3 §5.11,
 * related origin requests). Android app origins are bound to the RP ID by the app's Digital
 * Asset Links, not by their name, so they are not checked here.
 */
export function validateRpId(
  rpId: string,
  origins: readonly string[],
  relatedOrigins: readonly string[] = [],
): string {
  const id = rpId.trim().toLowerCase();
  const domain =
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;
  if (!domain.test(id)) {
    throw invalidField('rpId', `"${rpId}" is not a domain name; use e.g. example.com`);
  }
  for (const origin of origins) {
    if (!isWebOrigin(origin) || relatedOrigins.includes(origin)) continue;
    const host = new URL(origin).hostname;
    if (host !== id && !host.endsWith(`.${id}`)) {
      throw invalidField(
        'rpId',
        `origin ${origin} is not on ${id} or a subdomain of it, so passkeys for ${id} could not be used there (unless it is also a related origin)`,
      );
    }
  }
  return id;
}

export function hasControlCharacters(value: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  return /[\u0000-\u001f\u007f]/.test(value);
}

/** A sender: `address@example.com` or `Name <address@example.com>`, one line, ≤ 320. */
export function validateEmailFrom(value: string): string {
  const text = value.trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a sender must not carry control characters (header injection)
  const match = /^(?:[^<>\u0000-\u001f\u007f]*<([^<>\s]+)>|([^<>\s]+))$/.exec(text);
  const address = match?.[1] ?? match?.[2];
  if (text.length > 320 || !address || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address)) {
    throw invalidField(
      'emailFrom',
      `"${value}" is not a sender; use e.g. no-reply@example.com or "Example <no-reply@example.com>"`,
    );
  }
  return text;
}

/** Where email links point: an http(s) URL (a path is allowed), ≤ 2048, no credentials. */
export function validateEmailLinkUrl(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value.trim());
  } catch {
    url = undefined;
  }
  if (
    !url ||
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    url.username ||
    url.password ||
    value.length > 2048 ||
    hasControlCharacters(value)
  ) {
    throw invalidField(
      'emailLinkUrl',
      `"${value}" must be an http(s) URL without credentials, e.g. https://app.example.com/verify`,
    );
  }
  return url.toString();
}

/** A message language Latchkey has templates for. */
export function validateDefaultLocale(value: string, available: readonly string[]): string {
  const tag = value.trim().toLowerCase();
  if (!available.includes(tag)) {
    throw invalidField('defaultLocale', `"${value}" is not one of ${available.join(', ')}`);
  }
  return tag;
}
