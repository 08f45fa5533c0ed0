import type { IdentifierStatus, IdentifierType } from '../../store/identifier.store.js';
import { invalidField } from '../errors.js';
import { parseId } from '../ids.js';

/** The identifier record as core hands it to adapters. */
export type {
  IdentifierRecord,
  IdentifierStatus,
  IdentifierType,
} from '../../store/identifier.store.js';

/** backend_api.yml `identifierType`. */
export const identifierTypes: readonly IdentifierType[] = ['email', 'phone', 'username'];
/** backend_api.yml `identifierStatus`. */
export const identifierStatuses: readonly IdentifierStatus[] = ['pending', 'primary', 'verified'];

/** @throws VALIDATION_FAILED naming `identifierType`. */
export function validateIdentifierType(value: string): IdentifierType {
  if (!(identifierTypes as readonly string[]).includes(value)) {
    throw invalidField('identifierType', `must be one of ${identifierTypes.join(', ')}`);
  }
  return value as IdentifierType;
}

/** @throws VALIDATION_FAILED naming `status`. */
export function validateIdentifierStatus(value: string): IdentifierStatus {
  if (!(identifierStatuses as readonly string[]).includes(value)) {
    throw invalidField('status', `must be one of ${identifierStatuses.join(', ')}`);
  }
  return value as IdentifierStatus;
}

/**
 * Reads an identifier ID from a path (with or without its `ide-` prefix).
 * @throws VALIDATION_FAILED naming `identifierID` when it cannot be an identifier ID at all.
 */
export function requireIdentifierId(value: string): string {
  const id = parseId('identifier', value);
  if (!id) {
    throw invalidField('identifierID', 'must be an identifier ID like ide-4693224802260150919');
  }
  return id;
}
