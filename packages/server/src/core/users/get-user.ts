import { findUser, type UserRecord } from '../../store/user.store.js';
import type { CoreDeps } from '../deps.js';
import { invalidField, LatchkeyError } from '../errors.js';
import { parseId } from '../ids.js';

/**
 * Reads a user ID from a path or body (with or without its `usr-` prefix).
 * @throws VALIDATION_FAILED naming `userID` when it cannot be a user ID at all.
 */
export function requireUserId(value: string): string {
  const id = parseId('user', value);
  if (!id) throw invalidField('userID', 'must be a user ID like usr-4693224802260150919');
  return id;
}

/**
 * One user of a project.
 * @throws USER_NOT_FOUND
 */
export async function getUser(
  deps: Pick<CoreDeps, 'db'>,
  projectId: string,
  userId: string,
): Promise<UserRecord> {
  const id = requireUserId(userId);
  const user = await findUser(deps.db, projectId, id);
  if (!user) throw new LatchkeyError('USER_NOT_FOUND', `no user ${id}`);
  return user;
}
