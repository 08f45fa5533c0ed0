import { type IdentifierRecord, insertIdentifier } from '../../store/identifier.store.js';
import { insertUser, type UserRecord } from '../../store/user.store.js';
import { upsertUserStoreProfile } from '../../store/user-store-profile.store.js';
import type { CoreDeps } from '../deps.js';
import { LatchkeyError } from '../errors.js';
import { newId } from '../ids.js';
import { enqueueWebhookEvent } from '../webhooks/enqueue-webhook-event.js';
import { userEventData } from '../webhooks/user-event-data.js';
import { hashPassword } from './password-hash.js';
import {
  emailTaken,
  serialiseData,
  validatePassword,
  validateStoreEmail,
} from './store-user-fields.js';

/** The body of `POST /users/`. */
export interface CreateStoreUserInput {
  email: string;
  password: string;
  confirmed: boolean;
  enabled: boolean;
  data: unknown;
}

/**
 * Creates a user with an email identifier (verified when `confirmed`, else pending), an
 * argon2id password and custom data, all in one transaction with `user.created` queued:
 * a taken email leaves nothing behind.
 * @throws VALIDATION_FAILED (email, password, data), DUPLICATE_VALUE (email)
 */
export async function createStoreUser(
  deps: CoreDeps,
  projectId: string,
  input: CreateStoreUserInput,
): Promise<UserRecord> {
  const email = validateStoreEmail(input.email);
  const password = validatePassword(input.password);
  const data = serialiseData(input.data);
  // Hashed before the transaction: argon2 takes tens of milliseconds, no lock should wait.
  const passwordHash = await hashPassword(password);
  const now = deps.clock.now();
  const user: UserRecord = {
    id: newId('user', deps.random),
    projectId,
    fullName: null,
    status: input.enabled ? 'active' : 'disabled',
    explicitWebauthnId: null,
    createdAt: now,
    updatedAt: now,
  };
  const identifier: IdentifierRecord = {
    id: newId('identifier', deps.random),
    projectId,
    userId: user.id,
    type: 'email',
    value: email,
    status: input.confirmed ? 'verified' : 'pending',
    createdAt: now,
    updatedAt: now,
  };
  await deps.db.transaction().execute(async (trx) => {
    await insertUser(trx, user);
    const inserted = await insertIdentifier(trx, identifier);
    if (inserted === 'duplicate') throw emailTaken(email);
    if (inserted !== 'created') throw new LatchkeyError('INTERNAL', 'the new user vanished');
    await upsertUserStoreProfile(trx, { projectId, userId: user.id }, { passwordHash, data }, now);
    await enqueueWebhookEvent(
      trx,
      { projectId, type: 'user.created', data: userEventData(user) },
      deps.clock,
      deps.random,
    );
  });
  return user;
}
