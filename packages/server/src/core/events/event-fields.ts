import type {
  AuthEventMethod,
  AuthEventStatus,
  AuthEventType,
} from '../../store/auth-event.store.js';
import type { PasskeyEventType } from '../../store/passkey-event.store.js';
import { invalidField } from '../errors.js';
import { parseId } from '../ids.js';
import { hasControlCharacters } from '../projects/project-settings.js';

/** The event records as core hands them to adapters. */
export type {
  AuthEventMethod,
  AuthEventRecord,
  AuthEventStatus,
  AuthEventType,
} from '../../store/auth-event.store.js';
export type { PasskeyEventRecord, PasskeyEventType } from '../../store/passkey-event.store.js';

export const authEventTypes: readonly AuthEventType[] = ['sign_up', 'login', 'new_passkey_added'];
export const authEventMethods: readonly AuthEventMethod[] = [
  'password',
  'email_otp',
  'email_link',
  'phone_otp',
  'passkey',
  'social_github',
  'social_google',
  'social_microsoft',
];
export const authEventStatuses: readonly AuthEventStatus[] = ['success', 'failure'];

export const passkeyEventTypes: readonly PasskeyEventType[] = [
  'user-login-blacklisted',
  'login-explicit-abort',
  'login-error',
  'login-error-untyped',
  'login-one-tap-switch',
  'user-append-after-cross-platform-blacklisted',
  'user-append-after-login-error-blacklisted',
  'append-credential-exists',
  'append-explicit-abort',
  'append-error',
  'login-no-credentials',
];

/** The latest `expires` accepted: 9999-12-31T23:59:59Z. Milliseconds sent by mistake are past it. */
export const maxPasskeyEventExpires = 253_402_300_799;

export function validateEnum<T extends string>(
  field: string,
  value: unknown,
  values: readonly T[],
): T {
  if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
    throw invalidField(field, `must be one of ${values.join(', ')}`);
  }
  return value as T;
}

/**
 * A text field: a string of at most `maxLength` characters without control characters.
 * Optional fields may be absent (null); required ones must not be empty after trimming.
 */
export function validateText(
  field: string,
  value: unknown,
  maxLength: number,
  options: { required: boolean },
): string | null {
  if (value === undefined || value === null) {
    if (options.required) throw invalidField(field, 'is required');
    return null;
  }
  if (typeof value !== 'string') throw invalidField(field, 'must be a string');
  if (options.required && value.trim().length === 0) throw invalidField(field, 'must not be empty');
  if (value.length > maxLength)
    throw invalidField(field, `must be at most ${maxLength} characters`);
  if (hasControlCharacters(value)) throw invalidField(field, 'must not contain control characters');
  return value;
}

/**
 * Reads a passkey event ID from a path (with or without its `pev-` prefix).
 * @throws VALIDATION_FAILED naming `passkeyEventID`.
 */
export function requirePasskeyEventId(value: string): string {
  const id = parseId('passkeyEvent', value);
  if (!id) {
    throw invalidField('passkeyEventID', 'must be a passkey event ID like pev-4693224802260150919');
  }
  return id;
}
