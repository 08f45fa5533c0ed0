import type { ChallengeStatus, ChallengeType } from '../../store/challenge.store.js';
import { invalidField } from '../errors.js';
import { normaliseEmail, normalisePhone } from '../identifiers/identifier-values.js';
import { parseId } from '../ids.js';
import type { Random } from '../random.js';

/** The challenge record as core hands it to adapters. */
export type {
  ChallengeRecord,
  ChallengeStatus,
  ChallengeType,
} from '../../store/challenge.store.js';

/** backend_api.yml `challengeType`. */
export const challengeTypes: readonly ChallengeType[] = ['email_otp', 'email_link', 'sms_otp'];
/** backend_api.yml `challengeStatus`. */
export const challengeStatuses: readonly ChallengeStatus[] = ['pending', 'completed', 'expired'];

/**
 * Lifetimes in seconds when the request names none: a code is typed in at once, a link may
 * sit in an inbox for a while. No challenge lives longer than an hour (larger requests are
 * clamped, as connect tokens do).
 */
export const defaultChallengeLifetimeSeconds: Record<ChallengeType, number> = {
  email_otp: 300,
  sms_otp: 300,
  email_link: 900,
};
export const maxChallengeLifetimeSeconds = 3600;

/** Wrong values a challenge takes; after that it is locked, even for the right one. */
export const maxChallengeAttempts = 5;

/** OTP digits, and base62 characters of a link token (40 × log2(62) ≈ 238 bits). */
export const otpLength = 6;
export const linkTokenLength = 40;

/** The longest `value` a verification accepts (a link token is 40 characters). */
export const maxChallengeValueLength = 128;

/** `challengeMetadata` serialised as JSON may be at most this many bytes. */
export const maxChallengeMetadataBytes = 4096;

/** @throws VALIDATION_FAILED naming `challengeType`. */
export function validateChallengeType(value: unknown): ChallengeType {
  if (typeof value !== 'string' || !(challengeTypes as readonly string[]).includes(value)) {
    throw invalidField('challengeType', `must be one of ${challengeTypes.join(', ')}`);
  }
  return value as ChallengeType;
}

/** The identifier type a challenge verifies: email for email challenges, phone for SMS. */
export function identifierTypeOf(type: ChallengeType): 'email' | 'phone' {
  return type === 'sms_otp' ? 'phone' : 'email';
}

/**
 * The `identifierValue` in its normal form (lower-case email, E.164 phone), as identifiers
 * are stored.
 * @throws VALIDATION_FAILED naming `identifierValue`.
 */
export function normaliseChallengeIdentifier(type: ChallengeType, value: unknown): string {
  if (typeof value !== 'string') throw invalidField('identifierValue', 'must be a string');
  return identifierTypeOf(type) === 'phone'
    ? normalisePhone('identifierValue', value)
    : normaliseEmail('identifierValue', value);
}

/**
 * The lifetime in seconds: the type's default when absent, at most an hour.
 * @throws VALIDATION_FAILED naming `lifetimeSeconds` for anything but a positive integer.
 */
export function resolveChallengeLifetime(type: ChallengeType, value: unknown): number {
  if (value === undefined || value === null) return defaultChallengeLifetimeSeconds[type];
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw invalidField('lifetimeSeconds', 'must be a whole number of seconds above 0');
  }
  return Math.min(value, maxChallengeLifetimeSeconds);
}

const localePattern = /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$/;

/**
 * `challengeMetadata`: any JSON object of at most 4 KiB, kept as it is. Its `locale`, when
 * present, chooses the message language and must be a language tag (`de`, `de-AT`).
 * @throws VALIDATION_FAILED naming `challengeMetadata` or `challengeMetadata.locale`.
 */
export function validateChallengeMetadata(value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalidField('challengeMetadata', 'must be an object');
  }
  let json: string;
  try {
    json = JSON.stringify(value);
  } catch {
    throw invalidField('challengeMetadata', 'must be plain JSON');
  }
  if (Buffer.byteLength(json, 'utf8') > maxChallengeMetadataBytes) {
    throw invalidField(
      'challengeMetadata',
      `must be at most ${maxChallengeMetadataBytes} bytes as JSON`,
    );
  }
  const metadata = JSON.parse(json) as Record<string, unknown>;
  const locale = metadata.locale;
  if (
    locale !== undefined &&
    (typeof locale !== 'string' || locale.length > 35 || !localePattern.test(locale))
  ) {
    throw invalidField('challengeMetadata.locale', 'must be a language tag like en, de or de-AT');
  }
  return metadata;
}

/**
 * The value a verification sends: trimmed, 1 to 128 characters.
 * @throws VALIDATION_FAILED naming `value`.
 */
export function validateChallengeValue(value: unknown): string {
  if (typeof value !== 'string') throw invalidField('value', 'must be a string');
  const trimmed = value.trim();
  if (trimmed === '') throw invalidField('value', 'must not be empty');
  if (trimmed.length > maxChallengeValueLength) {
    throw invalidField('value', `must be at most ${maxChallengeValueLength} characters`);
  }
  return trimmed;
}

/**
 * Reads a challenge ID from a path (with or without its `cha-` prefix).
 * @throws VALIDATION_FAILED naming `challengeID` when it cannot be a challenge ID at all.
 */
export function requireChallengeId(value: string): string {
  const id = parseId('challenge', value);
  if (!id) throw invalidField('challengeID', 'must be a challenge ID like cha-4693224802260150919');
  return id;
}

/**
 * A new secret for a challenge: six uniformly random digits for an OTP (leading zeros
 * included), a 40-character base62 token for a link. `random.digits` never starts with 0,
 * so one extra digit is drawn and dropped.
 */
export function newChallengeSecret(type: ChallengeType, random: Random): string {
  return type === 'email_link'
    ? random.base62(linkTokenLength)
    : random.digits(otpLength + 1).slice(1);
}

/**
 * The link an `email_link` challenge sends: the base URL with `challengeID` and `code` added
 * to its query (other query parameters and a fragment are kept).
 */
export function challengeLink(base: string, challengeId: string, code: string): string {
  const url = new URL(base);
  url.searchParams.set('challengeID', challengeId);
  url.searchParams.set('code', code);
  return url.toString();
}
