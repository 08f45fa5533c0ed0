import { deleteUserRow, findUser } from '../../store/user.store.js';
import type { CoreDeps } from '../deps.js';
import { LatchkeyError } from '../errors.js';
import { enqueueWebhookEvent } from '../webhooks/enqueue-webhook-event.js';
import { userEventData } from '../webhooks/user-event-data.js';
import { requireUserId } from './get-user.js';

/**
 * Deletes a user and, in the same transaction, everything that hangs off it (its sessions
 * included, so their refresh tokens stop working), and queues
 * `user.deleted` (with the user's last state) for the project's webhook endpoints.
 * @throws USER_NOT_FOUND
 */
export async function deleteUser(deps: CoreDeps, projectId: string, userId: string): Promise<void> {
  const id = requireUserId(userId);
  await deps.db.transaction().execute(async (trx) => {
    const user = await findUser(trx, projectId, id);
    // Whether the user existed is decided by the DELETE, not by the read: of two deletes
    // racing, only the one that removed the row queues an event.
    const deleted = user !== undefined && (await deleteUserRow(trx, projectId, id));
    if (!user || !deleted) throw new LatchkeyError('USER_NOT_FOUND', `no user ${id}`);
    await enqueueWebhookEvent(
      trx,
      { projectId, type: 'user.deleted', data: userEventData(user) },
      deps.clock,
      deps.random,
    );
  });
}
