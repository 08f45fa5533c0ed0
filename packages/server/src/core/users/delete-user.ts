import { deleteUserRow } from '../../store/user.store.js';
import type { CoreDeps } from '../deps.js';
import { LatchkeyError } from '../errors.js';
import { requireUserId } from './get-user.js';

/**
 * Deletes a user and, in the same transaction, everything that hangs off it.
 * @throws USER_NOT_FOUND
 */
export async function deleteUser(
  deps: Pick<CoreDeps, 'db'>,
  projectId: string,
  userId: string,
): Promise<void> {
  const id = requireUserId(userId);
  const deleted = await deps.db.transaction().execute((trx) => deleteUserRow(trx, projectId, id));
  if (!deleted) throw new LatchkeyError('USER_NOT_FOUND', `no user ${id}`);
}
