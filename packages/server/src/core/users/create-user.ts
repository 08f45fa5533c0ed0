import { insertUser, type UserRecord } from '../../store/user.store.js';
import type { CoreDeps } from '../deps.js';
import { newId } from '../ids.js';
import { enqueueWebhookEvent } from '../webhooks/enqueue-webhook-event.js';
import { userEventData } from '../webhooks/user-event-data.js';
import { validateExplicitWebauthnId, validateFullName, validateUserStatus } from './user-fields.js';

export interface CreateUserInput {
  fullName?: string | undefined;
  status: string;
  explicitWebauthnId?: string | undefined;
}

/**
 * Creates a user in a project and, in the same transaction, queues `user.created` for the
 * project's webhook endpoints.
 * @throws VALIDATION_FAILED naming the field.
 */
export async function createUser(
  deps: CoreDeps,
  projectId: string,
  input: CreateUserInput,
): Promise<UserRecord> {
  const now = deps.clock.now();
  const user: UserRecord = {
    id: newId('user', deps.random),
    projectId,
    fullName: input.fullName === undefined ? null : validateFullName(input.fullName),
    status: validateUserStatus(input.status),
    explicitWebauthnId:
      input.explicitWebauthnId === undefined
        ? null
        : validateExplicitWebauthnId(input.explicitWebauthnId),
    createdAt: now,
    updatedAt: now,
  };
  await deps.db.transaction().execute(async (trx) => {
    await insertUser(trx, user);
    await enqueueWebhookEvent(
      trx,
      { projectId, type: 'user.created', data: userEventData(user) },
      deps.clock,
      deps.random,
    );
  });
  return user;
}
