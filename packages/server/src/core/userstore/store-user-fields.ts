import { invalidField, LatchkeyError } from '../errors.js';
import { normaliseIdentifierValue } from '../identifiers/identifier-values.js';
import { parseId } from '../ids.js';

/** Fewest and most characters (Unicode code points) of a User store password. */
export const passwordLength = { min: 8, max: 32 } as const;

/**
 * A user ID from the path. The table answers only 404 for these routes, so an ID that cannot
 * be a user's is a user that does not exist.
 * @throws USER_NOT_FOUND
 */
export function storeUserId(value: string): string {
  const id = parseId('user', value);
  if (!id) throw new LatchkeyError('USER_NOT_FOUND', `no user ${value.slice(0, 64)}`);
  return id;
}

/**
 * A password of 8 to 32 characters.
 * @throws VALIDATION_FAILED (password)
 */
export function validatePassword(value: string): string {
  const length = [...value].length;
  if (length < passwordLength.min || length > passwordLength.max) {
    throw invalidField(
      'password',
      `must be ${passwordLength.min} to ${passwordLength.max} characters`,
    );
  }
  return value;
}

/**
 * An email address, normalised as email identifiers are.
 * @throws VALIDATION_FAILED (email)
 */
export function validateStoreEmail(value: string): string {
  return normaliseIdentifierValue('email', 'email', value);
}

/**
 * The custom `data` as stored text: any JSON value, at most 64 KiB once serialised.
 * @throws VALIDATION_FAILED (data)
 */
export function serialiseData(value: unknown): string {
  const text = JSON.stringify(value ?? null);
  if (Buffer.byteLength(text, 'utf8') > 65_536) {
    throw invalidField('data', 'must be at most 64 KiB of JSON');
  }
  return text;
}

/** A DUPLICATE_VALUE error for an email another user has. */
export function emailTaken(email: string): LatchkeyError {
  const message = `the email ${email} is already an identifier in this project`;
  return new LatchkeyError('DUPLICATE_VALUE', `email: ${message}`, {
    validation: [{ field: 'email', message }],
  });
}
