import { type ClientEnvRecord, listUserClientEnvs } from '../../../store/client-env.store.js';
import type { CoreDeps } from '../../deps.js';
import { getUser } from '../../users/get-user.js';

/**
 * The client environments (browser on a device) a user's finished ceremonies came from,
 * oldest first.
 * @throws VALIDATION_FAILED, USER_NOT_FOUND
 */
export async function listClientEnvs(
  deps: Pick<CoreDeps, 'db'>,
  projectId: string,
  userId: string,
): Promise<ClientEnvRecord[]> {
  const user = await getUser(deps, projectId, userId);
  return listUserClientEnvs(deps.db, projectId, user.id);
}
