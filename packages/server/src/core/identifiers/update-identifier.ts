import { type IdentifierRecord, updateIdentifierStatus } from '../../store/identifier.store.js';
import { userExists } from '../../store/user.store.js';
import type { CoreDeps } from '../deps.js';
import { LatchkeyError } from '../errors.js';
import { requireUserId } from '../users/get-user.js';
import { requireIdentifierId, validateIdentifierStatus } from './identifier-fields.js';

export interface UpdateIdentifierInput {
  status: string;
}

/**
 * Sets the status of one of a user's identifiers (e.g. `pending` → `verified`).
 * @throws VALIDATION_FAILED, USER_NOT_FOUND, IDENTIFIER_NOT_FOUND (also for an identifier of
 * another user or project).
 */
export async function updateIdentifier(
  deps: CoreDeps,
  projectId: string,
  userId: string,
  identifierId: string,
  input: UpdateIdentifierInput,
): Promise<IdentifierRecord> {
  const key = {
    projectId,
    userId: requireUserId(userId),
    id: requireIdentifierId(identifierId),
  };
  const status = validateIdentifierStatus(input.status);
  const identifier = await updateIdentifierStatus(deps.db, key, status, deps.clock.now());
  if (identifier) return identifier;
  // Only to pick the right 404: the update above already changed nothing.
  if (!(await userExists(deps.db, projectId, key.userId))) {
    throw new LatchkeyError('USER_NOT_FOUND', `no user ${key.userId}`);
  }
  throw new LatchkeyError('IDENTIFIER_NOT_FOUND', `user ${key.userId} has no identifier ${key.id}`);
}
