import { type AuthEventRecord, insertAuthEvent } from '../../store/auth-event.store.js';
import type { CoreDeps } from '../deps.js';
import { newId } from '../ids.js';
import { getUser, requireUserId } from '../users/get-user.js';
import { validateClientInformation } from './client-information.js';
import {
  authEventMethods,
  authEventStatuses,
  authEventTypes,
  validateEnum,
  validateText,
} from './event-fields.js';

export interface CreateAuthEventInput {
  username: unknown;
  eventType: unknown;
  method: unknown;
  status: unknown;
  clientInformation: unknown;
}

/** Usernames are login identifiers: an email address fits in 320 characters. */
const maxUsernameLength = 320;

/**
 * Records an authentication event (sign-up, login, new passkey) of a project's user.
 * @throws VALIDATION_FAILED naming the field, USER_NOT_FOUND
 */
export async function createAuthEvent(
  deps: CoreDeps,
  projectId: string,
  userId: string,
  input: CreateAuthEventInput,
): Promise<AuthEventRecord> {
  const id = requireUserId(userId);
  const event: AuthEventRecord = {
    id: newId('authEvent', deps.random),
    projectId,
    userId: id,
    username: validateText('username', input.username, maxUsernameLength, {
      required: true,
    }) as string,
    eventType: validateEnum('eventType', input.eventType, authEventTypes),
    method: validateEnum('method', input.method, authEventMethods),
    status: validateEnum('status', input.status, authEventStatuses),
    clientInformation: validateClientInformation(input.clientInformation),
    createdAt: deps.clock.now(),
  };
  // The user check and the insert commit together, so an event never outlives its user's check.
  await deps.db.transaction().execute(async (trx) => {
    await getUser({ db: trx }, projectId, id);
    await insertAuthEvent(trx, event);
  });
  return event;
}
