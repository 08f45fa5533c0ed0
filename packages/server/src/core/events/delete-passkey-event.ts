import { deletePasskeyEventRow } from '../../store/passkey-event.store.js';
import type { CoreDeps } from '../deps.js';
import { LatchkeyError } from '../errors.js';
import { getUser, requireUserId } from '../users/get-user.js';
import { requirePasskeyEventId } from './event-fields.js';

/**
 * Deletes one of a user's passkey events (an expired one is already gone).
 * @throws VALIDATION_FAILED, USER_NOT_FOUND, PASSKEY_EVENT_NOT_FOUND
 */
export async function deletePasskeyEvent(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  projectId: string,
  userId: string,
  passkeyEventId: string,
): Promise<void> {
  const user = requireUserId(userId);
  const id = requirePasskeyEventId(passkeyEventId);
  const deleted = await deletePasskeyEventRow(
    deps.db,
    { projectId, userId: user, id },
    deps.clock.now(),
  );
  if (deleted) return;
  // Say which of the two was missing.
  await getUser(deps, projectId, user);
  throw new LatchkeyError('PASSKEY_EVENT_NOT_FOUND', `no passkey event ${id} for user ${user}`);
}
