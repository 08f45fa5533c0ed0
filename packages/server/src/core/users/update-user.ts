import { revokeUserSessions } from '../../store/session.store.js';
import { type UserRecord, updateUserRow } from '../../store/user.store.js';
import type { CoreDeps } from '../deps.js';
import { LatchkeyError } from '../errors.js';
import { enqueueWebhookEvent } from '../webhooks/enqueue-webhook-event.js';
import { userEventData } from '../webhooks/user-event-data.js';
import { requireUserId } from './get-user.js';
import { validateFullName, validateUserStatus } from './user-fields.js';

export interface UpdateUserInput {
  fullName?: string | undefined;
  status?: string | undefined;
}

/**
 * Changes a user's name or status and, in the same transaction, queues `user.updated` (with
 * the user as it is afterwards) for the project's webhook endpoints. Disabling a user
 * revokes all of the user's sessions in the same transaction.
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
  return deps.db.transaction().execute(async (trx) => {
    const user = await updateUserRow(trx, projectId, id, changes, deps.clock.now());
    if (!user) throw new LatchkeyError('USER_NOT_FOUND', `no user ${id}`);
    if (user.status === 'disabled') {
      await revokeUserSessions(trx, { projectId, userId: id, now: deps.clock.now() });
    }
    await enqueueWebhookEvent(
      trx,
      { projectId, type: 'user.updated', data: userEventData(user) },
      deps.clock,
      deps.random,
    );
    return user;
  });
}
