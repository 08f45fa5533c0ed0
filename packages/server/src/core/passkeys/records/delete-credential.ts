import type { Kysely } from 'kysely';
import { deleteCredentialRow } from '../../../store/credential.store.js';
import type { Database } from '../../../store/schema.js';
import { LatchkeyError } from '../../errors.js';
import { getUser, requireUserId } from '../../users/get-user.js';
import { enqueueWebhookEvent } from '../../webhooks/enqueue-webhook-event.js';
import { passkeyEventData } from '../../webhooks/passkey-event-data.js';
import type { PasskeyDeps } from '../passkey-deps.js';
import { requireCredentialId } from './record-fields.js';

/**
 * Deletes one of a user's passkeys and, in the same transaction, queues `passkey.deleted`
 * (with the passkey's last state) for the project's webhook endpoints. The passkey can no
 * longer log in; its password-manager rows go with it.
 * `afterDelete` runs in the same transaction once the row is gone; what it throws undoes
 * the delete (the Frontend API refuses to remove a user's last way to sign in with it).
 * @throws VALIDATION_FAILED, USER_NOT_FOUND, CREDENTIAL_NOT_FOUND (also for another user's
 * or another project's passkey), and whatever `afterDelete` throws
 */
export async function deleteCredential(
  deps: Pick<PasskeyDeps, 'db' | 'clock' | 'random' | 'aaguids'>,
  projectId: string,
  userId: string,
  credentialId: string,
  afterDelete?: (trx: Kysely<Database>) => Promise<void>,
): Promise<void> {
  const key = {
    projectId,
    userId: requireUserId(userId),
    id: requireCredentialId(credentialId),
  };
  const deleted = await deps.db.transaction().execute(async (trx) => {
    // The DELETE decides: of two racing deletes only the one that removed the row queues
    // an event.
    const credential = await deleteCredentialRow(trx, key);
    if (!credential) return false;
    await afterDelete?.(trx);
    await enqueueWebhookEvent(
      trx,
      { projectId, type: 'passkey.deleted', data: passkeyEventData(credential, deps.aaguids) },
      deps.clock,
      deps.random,
    );
    return true;
  });
  if (deleted) return;
  // Only to pick the right 404: nothing was deleted.
  await getUser(deps, projectId, key.userId);
  throw new LatchkeyError('CREDENTIAL_NOT_FOUND', `user ${key.userId} has no passkey ${key.id}`);
}
