import { insertPasskeyEvent, type PasskeyEventRecord } from '../../store/passkey-event.store.js';
import type { CoreDeps } from '../deps.js';
import { invalidField } from '../errors.js';
import { newId } from '../ids.js';
import { getUser, requireUserId } from '../users/get-user.js';
import {
  maxPasskeyEventExpires,
  passkeyEventTypes,
  validateEnum,
  validateText,
} from './event-fields.js';

export interface CreatePasskeyEventInput {
  eventType: unknown;
  expires?: unknown;
  processID?: unknown;
  clientEnvID?: unknown;
  credentialID?: unknown;
  challenge?: unknown;
}

function validateExpires(value: unknown): number | null {
  if (value === undefined || value === null) return null;
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value <= 0 ||
    value > maxPasskeyEventExpires
  ) {
    throw invalidField(
      'expires',
      'must be a Unix time in seconds (a whole number up to year 9999)',
    );
  }
  return value;
}

/**
 * Records a passkey event of a project's user. With `expires` (Unix seconds) the event stops
 * counting then, and the janitor deletes it.
 * @throws VALIDATION_FAILED naming the field, USER_NOT_FOUND
 */
export async function createPasskeyEvent(
  deps: CoreDeps,
  projectId: string,
  userId: string,
  input: CreatePasskeyEventInput,
): Promise<PasskeyEventRecord> {
  const id = requireUserId(userId);
  const optional = { required: false };
  const event: PasskeyEventRecord = {
    id: newId('passkeyEvent', deps.random),
    projectId,
    userId: id,
    eventType: validateEnum('eventType', input.eventType, passkeyEventTypes),
    expires: validateExpires(input.expires),
    processId: validateText('processID', input.processID, 128, optional),
    clientEnvId: validateText('clientEnvID', input.clientEnvID, 128, optional),
    credentialId: validateText('credentialID', input.credentialID, 128, optional),
    challenge: validateText('challenge', input.challenge, 256, optional),
    createdAt: deps.clock.now(),
  };
  await deps.db.transaction().execute(async (trx) => {
    await getUser({ db: trx }, projectId, id);
    await insertPasskeyEvent(trx, event);
  });
  return event;
}
