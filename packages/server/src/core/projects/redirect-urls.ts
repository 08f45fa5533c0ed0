import { invalidField, LatchkeyError } from '../errors.js';
import { hasControlCharacters } from './project-settings.js';

/** Longest redirect URL accepted (rules and the `redirect_uri` a hosted page is given). */
export const maxRedirectUrlLength = 2048;

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Plain http is for development on this machine only; everything else must be https. */
function isLoopback(url: URL): boolean {
  return loopbackHosts.has(url.hostname) || url.hostname.endsWith('.localhost');
}

function parseHttpUrl(value: string): URL | undefined {
  if (value.length > maxRedirectUrlLength || hasControlCharacters(value)) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Validates an allowed-redirect-URL rule and returns its canonical form, `origin + path`:
 * an absolute https URL (http only on localhost), no credentials, query or fragment. A rule
 * matches exactly that origin and path, nothing below it (OAuth 2.0 Security BCP §4.1.3:
 * exact matching, because prefix and pattern matching have led to open redirects).
 * @throws VALIDATION_FAILED naming `field`
 */
export function validateRedirectUrlRule(field: string, value: string): string {
  const url = parseHttpUrl(value.trim());
  const example = 'e.g. https://app.example.com/auth/callback';
  if (!url) throw invalidField(field, `"${value}" is not an http(s) URL; use ${example}`);
  if (url.protocol === 'http:' && !isLoopback(url)) {
    throw invalidField(field, `"${value}" must use https (plain http only on localhost)`);
  }
  if (url.username || url.password || url.search || url.hash || value.trim().endsWith('?')) {
    throw invalidField(
      field,
      `"${value}" must be an origin and a path only, without credentials, query or fragment; ${example}`,
    );
  }
  return `${url.origin}${url.pathname}`;
}

/** Validates a list of rules (`--allowed-redirect-url`, repeatable); duplicates collapse. */
export function validateRedirectUrlRules(values: readonly string[]): string[] {
  const rules = values.map((value, i) =>
    validateRedirectUrlRule(`allowedRedirectUrls[${i}]`, value),
  );
  return [...new Set(rules)];
}

/**
 * Checks a `redirect_uri` against a project's rules: its origin and path (as the URL parser
 * normalises them: dot segments resolved, host lower-cased, default port dropped) must
 * equal one rule exactly. Its query is kept; a fragment or credentials are refused. Returns
 * the URI as given, which is what a one-time code is bound to.
 * @throws VALIDATION_FAILED (`redirect_uri` missing or not a URL), REDIRECT_URI_NOT_ALLOWED
 */
export function checkRedirectUri(rules: readonly string[], value: string | undefined): string {
  if (value === undefined || value === '') throw invalidField('redirect_uri', 'is required');
  const url = parseHttpUrl(value);
  if (!url) {
    throw invalidField(
      'redirect_uri',
      `must be an absolute http(s) URL of at most ${maxRedirectUrlLength} characters`,
    );
  }
  if (url.username || url.password || url.hash || value.includes('#')) {
    throw notAllowed('must not carry credentials or a fragment');
  }
  if (!rules.includes(`${url.origin}${url.pathname}`)) {
    throw notAllowed("is not one of the project's allowed redirect URLs");
  }
  return value;
}

function notAllowed(message: string): LatchkeyError {
  return new LatchkeyError('REDIRECT_URI_NOT_ALLOWED', `redirect_uri: ${message}`, {
    validation: [{ field: 'redirect_uri', message }],
  });
}
