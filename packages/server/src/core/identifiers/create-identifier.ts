import { type IdentifierRecord, insertIdentifier } from '../../store/identifier.store.js';
import type { CoreDeps } from '../deps.js';
import { LatchkeyError } from '../errors.js';
import { newId } from '../ids.js';
import { requireUserId } from '../users/get-user.js';
import { validateIdentifierStatus, validateIdentifierType } from './identifier-fields.js';
import { normaliseIdentifierValue } from './identifier-values.js';

export interface CreateIdentifierInput {
  identifierType: string;
  identifierValue: string;
  status: string;
}

/**
 * Adds a login identifier (email, phone number or username) to a user. The value is stored
 * normalised and is unique per project and type; the database's unique index decides, so
 * two racing requests cannot both add it.
 * @throws VALIDATION_FAILED, USER_NOT_FOUND, DUPLICATE_VALUE (naming `identifierValue`).
 */
export async function createIdentifier(
  deps: CoreDeps,
  projectId: string,
  userId: string,
  input: CreateIdentifierInput,
): Promise<IdentifierRecord> {
  const user = requireUserId(userId);
  const type = validateIdentifierType(input.identifierType);
  const value = normaliseIdentifierValue(type, 'identifierValue', input.identifierValue);
  const status = validateIdentifierStatus(input.status);
  const now = deps.clock.now();
  const identifier: IdentifierRecord = {
    id: newId('identifier', deps.random),
    projectId,
    userId: user,
    type,
    value,
    status,
    createdAt: now,
    updatedAt: now,
  };
  const result = await insertIdentifier(deps.db, identifier);
  if (result === 'user-missing') throw new LatchkeyError('USER_NOT_FOUND', `no user ${user}`);
  if (result === 'duplicate') {
    const message = `the ${type} ${value} is already an identifier in this project`;
    throw new LatchkeyError('DUPLICATE_VALUE', `identifierValue: ${message}`, {
      validation: [{ field: 'identifierValue', message }],
    });
  }
  return identifier;
}
