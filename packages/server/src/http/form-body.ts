import { LatchkeyError } from '../core/errors.js';

/** A parsed `application/x-www-form-urlencoded` body: repeated names become arrays. */
export type FormFields = Record<string, string | string[]>;

function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch (error) {
    throw new LatchkeyError(
      'MALFORMED_BODY',
      'the form body is not valid application/x-www-form-urlencoded (bad percent-encoding or not UTF-8)',
      { cause: error },
    );
  }
}

/**
 * Parses a form body strictly (WHATWG URL Standard §5.1, except that bad percent-encoding is
 * an error rather than being kept as literal text), so `%E0%A4%A` is a 400, not a name.
 * The result has no prototype: `__proto__` or `constructor` are plain field names.
 * @throws MALFORMED_BODY
 */
export function parseFormBody(text: string): FormFields {
  const fields: FormFields = Object.create(null);
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const name = decodeComponent(equals < 0 ? pair : pair.slice(0, equals));
    const value = decodeComponent(equals < 0 ? '' : pair.slice(equals + 1));
    const existing = fields[name];
    if (existing === undefined) fields[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else fields[name] = [existing, value];
  }
  return fields;
}
