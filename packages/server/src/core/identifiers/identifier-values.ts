import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { invalidField } from '../errors.js';
import { hasControlCharacters } from '../projects/project-settings.js';

/*
 * How identifier values are validated and normalised (docs/identifiers.md). A value is
 * stored only in its normal form, so uniqueness, lookups and searches compare like with like.
 */

/** RFC 5321 §4.5.3.1: local part at most 64 octets, a path at most 256 (254 for the address). */
const maxLocalPartBytes = 64;
const maxEmailBytes = 254;
const maxDomainLabelLength = 63;

/** RFC 5322 `atext` plus non-ASCII letters, digits and marks (RFC 6531 addresses). */
const localAtom = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\p{L}\p{N}\p{M}-]+$/u;
/** A DNS label (letters, digits, hyphens inside) or an internationalised one. */
const domainLabel = /^[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}-]*[\p{L}\p{N}\p{M}])?$/u;

/**
 * An email address: trimmed, NFC-normalised, checked against a practical subset of RFC 5321
 * and 5322 (one `@`, dot-atom local part of at most 64 octets, a domain name with a dot and a
 * non-numeric top-level label, at most 254 octets; no quoted local parts, comments or
 * address literals) and lower-cased.
 * @throws VALIDATION_FAILED naming `field`.
 */
export function normaliseEmail(field: string, raw: string): string {
  const value = raw.trim().normalize('NFC');
  if (value === '') throw invalidField(field, 'must be an email address');
  if (hasControlCharacters(value) || /\s/u.test(value)) {
    throw invalidField(field, 'must not contain spaces or control characters');
  }
  if (Buffer.byteLength(value, 'utf8') > maxEmailBytes) {
    throw invalidField(field, `must be at most ${maxEmailBytes} bytes`);
  }
  const parts = value.split('@');
  if (parts.length !== 2) throw invalidField(field, 'must contain exactly one @');
  const [local = '', domain = ''] = parts;
  if (local === '' || Buffer.byteLength(local, 'utf8') > maxLocalPartBytes) {
    throw invalidField(field, `the part before @ must be 1 to ${maxLocalPartBytes} bytes`);
  }
  if (!local.split('.').every((atom) => localAtom.test(atom))) {
    throw invalidField(field, 'the part before @ contains characters an address cannot have');
  }
  const labels = domain.split('.');
  if (
    labels.length < 2 ||
    !labels.every((label) => label.length <= maxDomainLabelLength && domainLabel.test(label)) ||
    /^[0-9]+$/.test(labels[labels.length - 1] ?? '')
  ) {
    throw invalidField(field, 'the part after @ must be a domain name like example.com');
  }
  return value.toLowerCase();
}

const maxPhoneInputLength = 64;

/**
 * A phone number in international format (`+` and the country code), parsed and validated
 * with libphonenumber-js's full metadata and returned as E.164 (`+4915112345678`). Spaces and
 * `- . ( ) /` between digits are allowed; letters, extensions and national formats are not,
 * because without a country the number is ambiguous.
 * @throws VALIDATION_FAILED naming `field`.
 */
export function normalisePhone(field: string, raw: string): string {
  const value = raw.trim();
  if (value.length > maxPhoneInputLength) {
    throw invalidField(field, `must be at most ${maxPhoneInputLength} characters`);
  }
  if (!value.startsWith('+')) {
    throw invalidField(
      field,
      'must be in international format: + and the country code, e.g. +4915112345678',
    );
  }
  if (!/^\+[0-9 ()./-]+$/.test(value)) {
    throw invalidField(field, 'may contain only digits after the +, and spaces or - . ( ) /');
  }
  const parsed = parsePhoneNumberFromString(value);
  if (!parsed?.isValid() || parsed.ext) {
    throw invalidField(field, 'is not a valid phone number');
  }
  return parsed.number;
}

/**
 * A username: 3 to 64 characters of ASCII letters, digits, `.`, `_` and `-`, starting with a
 * letter or digit; case-insensitive, so stored lower-case. The alphabet keeps usernames
 * apart from emails (no `@`) and phone numbers (no `+`).
 * @throws VALIDATION_FAILED naming `field`.
 */
export function normaliseUsername(field: string, raw: string): string {
  const value = raw.trim();
  // Checked before lower-casing: toLowerCase() maps some non-ASCII letters to ASCII ones
  // (the Kelvin sign becomes "k"), which would smuggle look-alikes in.
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/.test(value)) {
    throw invalidField(
      field,
      'must be 3 to 64 characters of a-z, 0-9, ".", "_" and "-", starting with a letter or digit',
    );
  }
  return value.toLowerCase();
}

/** The normal form of an identifier value of the given type. */
export function normaliseIdentifierValue(
  type: 'email' | 'phone' | 'username',
  field: string,
  raw: string,
): string {
  switch (type) {
    case 'email':
      return normaliseEmail(field, raw);
    case 'phone':
      return normalisePhone(field, raw);
    case 'username':
      return normaliseUsername(field, raw);
  }
}

/**
 * What an `identifierValue` filter compares with: trimmed and lower-cased (every stored value
 * is lower-case), and for `eq` a phone number in international format in its E.164 form, so
 * `identifierValue:eq:+49 151 12345678` finds `+4915112345678`. Never throws: a value that
 * is no valid identifier simply matches nothing.
 */
export function normaliseIdentifierFilterValue(op: 'eq' | 'gt' | 'lt', raw: string): string {
  const value = raw.trim();
  if (op === 'eq' && /^\+[0-9 ()./-]+$/.test(value)) {
    const parsed = parsePhoneNumberFromString(value);
    if (parsed?.isValid() && !parsed.ext) return parsed.number;
  }
  return value.normalize('NFC').toLowerCase();
}
