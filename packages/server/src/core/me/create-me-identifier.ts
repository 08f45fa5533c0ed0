import { listIdentifiersOfUsers } from '../../store/identifier.store.js';
import type { CoreDeps } from '../deps.js';
import { invalidField, isLatchkeyError } from '../errors.js';
import { createIdentifier } from '../identifiers/create-identifier.js';
import { identifierTypes } from '../identifiers/identifier-fields.js';
import { normaliseIdentifierValue } from '../identifiers/identifier-values.js';

/** Reads `identifierType` and `value` of a `/v2/me/identifier` body, normalised. */
export function readMeIdentifier(input: { identifierType: unknown; value: unknown }) {
  const type = identifierTypes.find((t) => t === input.identifierType);
  if (!type) throw invalidField('identifierType', `must be one of ${identifierTypes.join(', ')}`);
  if (typeof input.value !== 'string') throw invalidField('value', 'must be a string');
  return { type, value: normaliseIdentifierValue(type, 'value', input.value) };
}

/**
 * Adds an identifier to the signed-in user: email addresses and phone numbers as `pending`
 * (verified with `/v2/me/identifier/verify/*`), usernames as `verified` (there is nothing to
 * send a code to). A value that is already another user's is not added, and the answer is
 * the same as for a new one, so the endpoint cannot tell who is registered.
 * @throws VALIDATION_FAILED (identifierType, value), DUPLICATE_VALUE (the user's own value)
 */
export async function createMeIdentifier(
  deps: CoreDeps,
  user: { projectId: string; id: string },
  input: { identifierType: unknown; value: unknown },
): Promise<void> {
  const { type, value } = readMeIdentifier(input);
  try {
    await createIdentifier(deps, user.projectId, user.id, {
      identifierType: type,
      identifierValue: value,
      status: type === 'username' ? 'verified' : 'pending',
    });
  } catch (error) {
    if (!isLatchkeyError(error) || error.code !== 'DUPLICATE_VALUE') throw error;
    const own = await listIdentifiersOfUsers(deps.db, user.projectId, [user.id]);
    if (own.some((identifier) => identifier.type === type && identifier.value === value)) {
      throw invalidField('value', `is already one of your identifiers`);
    }
  }
}
