import type { UserStatus } from '../../store/user.store.js';

/** The user record as core hands it to adapters. */
export type { UserRecord, UserStatus } from '../../store/user.store.js';

import { invalidField } from '../errors.js';
import { hasControlCharacters } from '../projects/project-settings.js';

export const userStatuses: readonly UserStatus[] = ['pending', 'active', 'disabled'];

/** Full names: up to 256 characters, no control characters. Empty means "no name". */
export function validateFullName(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed.length > 256) throw invalidField('fullName', 'must be at most 256 characters');
  if (hasControlCharacters(trimmed)) {
    throw invalidField('fullName', 'must not contain control characters');
  }
  return trimmed === '' ? null : trimmed;
}

export function validateUserStatus(value: string): UserStatus {
  if (!(userStatuses as readonly string[]).includes(value)) {
    throw invalidField('status', `must be one of ${userStatuses.join(', ')}`);
  }
  return value as UserStatus;
}

/**
 * A WebAuthn user handle chosen by the customer (Connect projects). WebAuthn §5.4.3 limits
 * the handle to 64 bytes; it must not carry personal data, which we cannot check.
 */
export function validateExplicitWebauthnId(value: string): string {
  if (value.length === 0 || Buffer.byteLength(value, 'utf8') > 64) {
    throw invalidField('explicitWebauthnID', 'must be 1 to 64 bytes');
  }
  if (hasControlCharacters(value)) {
    throw invalidField('explicitWebauthnID', 'must not contain control characters');
  }
  return value;
}
