import {
  listUserPasswordManagers,
  type PasswordManagerRecord,
} from '../../../store/password-manager.store.js';
import type { CoreDeps } from '../../deps.js';
import { getUser } from '../../users/get-user.js';

/**
 * The password managers (passkey providers) seen holding a user's passkeys, oldest first.
 * @throws VALIDATION_FAILED, USER_NOT_FOUND
 */
export async function listPasswordManagers(
  deps: Pick<CoreDeps, 'db'>,
  projectId: string,
  userId: string,
): Promise<PasswordManagerRecord[]> {
  const user = await getUser(deps, projectId, userId);
  return listUserPasswordManagers(deps.db, projectId, user.id);
}
