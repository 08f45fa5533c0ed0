import { deleteIdentifierRow } from '../../store/identifier.store.js';
import { userExists } from '../../store/user.store.js';
import type { CoreDeps } from '../deps.js';
import { LatchkeyError } from '../errors.js';
import { requireUserId } from '../users/get-user.js';
import { requireIdentifierId } from './identifier-fields.js';

/**
 * Removes one of a user's identifiers.
 * @throws VALIDATION_FAILED, USER_NOT_FOUND, IDENTIFIER_NOT_FOUND (also for an identifier of
 * another user or project).
 */
export async function deleteIdentifier(
  deps: Pick<CoreDeps, 'db'>,
  projectId: string,
  userId: string,
  identifierId: string,
): Promise<void> {
  const key = {
    projectId,
    userId: requireUserId(userId),
    id: requireIdentifierId(identifierId),
  };
  if (await deleteIdentifierRow(deps.db, key)) return;
  // Only to pick the right 404: the delete above already removed nothing.
  if (!(await userExists(deps.db, projectId, key.userId))) {
    throw new LatchkeyError('USER_NOT_FOUND', `no user ${key.userId}`);
  }
  throw new LatchkeyError('IDENTIFIER_NOT_FOUND', `user ${key.userId} has no identifier ${key.id}`);
}
