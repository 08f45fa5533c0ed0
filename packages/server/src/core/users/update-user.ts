import { type UserRecord, updateUserRow } from '../../store/user.store.js';
import type { CoreDeps } from '../deps.js';
import { LatchkeyError } from '../errors.js';
import { requireUserId } from './get-user.js';
import { validateFullName, validateUserStatus } from './user-fields.js';

export interface UpdateUserInput {
  fullName?: string | undefined;
  status?: string | undefined;
}

/**
 * Changes a user's name or status.
 * @throws USER_NOT_FOUND, VALIDATION_FAILED
 */
export async function updateUser(
  deps: CoreDeps,
  projectId: string,
  userId: string,
  input: UpdateUserInput,
): Promise<UserRecord> {
  const id = requireUserId(userId);
  const changes = {
    ...(input.fullName !== undefined && { fullName: validateFullName(input.fullName) }),
    ...(input.status !== undefined && { status: validateUserStatus(input.status) }),
  };
  const user = await updateUserRow(deps.db, projectId, id, changes, deps.clock.now());
  if (!user) throw new LatchkeyError('USER_NOT_FOUND', `no user ${id}`);
  return user;
}
