import { insertIdentifier, updateIdentifierValue } from '../../store/identifier.store.js';
import { upsertUserStoreProfile } from '../../store/user-store-profile.store.js';
import type { CoreDeps } from '../deps.js';
import { LatchkeyError } from '../errors.js';
import { newId } from '../ids.js';
import { deleteUser } from '../users/delete-user.js';
import { updateUser } from '../users/update-user.js';
import { hashPassword } from './password-hash.js';
import { findStoreEmail, requireStoreUser } from './store-user.js';
import {
  emailTaken,
  serialiseData,
  storeUserId,
  validatePassword,
  validateStoreEmail,
} from './store-user-fields.js';

/**
 * `PUT /users/{id}/email`: replaces the user's email identifier (adds one when the user has
 * none). A new address is unconfirmed (pending) until verified; the same address is no change.
 * @throws VALIDATION_FAILED (email), USER_NOT_FOUND, DUPLICATE_VALUE (email)
 */
export async function changeStoreUserEmail(
  deps: CoreDeps,
  projectId: string,
  userId: string,
  rawEmail: string,
): Promise<void> {
  const email = validateStoreEmail(rawEmail);
  const user = await requireStoreUser(deps.db, projectId, userId);
  const current = await findStoreEmail(deps.db, projectId, user.id);
  if (current?.value === email) return;
  const now = deps.clock.now();
  if (current) {
    const key = { projectId, userId: user.id, id: current.id };
    const result = await updateIdentifierValue(
      deps.db,
      key,
      { value: email, status: 'pending' },
      now,
    );
    if (result === 'duplicate') throw emailTaken(email);
    if (result === 'updated') return;
  }
  const inserted = await insertIdentifier(deps.db, {
    id: newId('identifier', deps.random),
    projectId,
    userId: user.id,
    type: 'email',
    value: email,
    status: 'pending',
    createdAt: now,
    updatedAt: now,
  });
  if (inserted === 'duplicate') throw emailTaken(email);
  if (inserted === 'user-missing') throw new LatchkeyError('USER_NOT_FOUND', `no user ${user.id}`);
}

/**
 * `PUT /users/{id}/password`: sets a new argon2id password.
 * @throws VALIDATION_FAILED (password), USER_NOT_FOUND
 */
export async function setStoreUserPassword(
  deps: CoreDeps,
  projectId: string,
  userId: string,
  password: string,
): Promise<void> {
  validatePassword(password);
  const user = await requireStoreUser(deps.db, projectId, userId);
  const passwordHash = await hashPassword(password);
  await upsertUserStoreProfile(
    deps.db,
    { projectId, userId: user.id },
    { passwordHash },
    deps.clock.now(),
  );
}

/**
 * `PUT /users/{id}/data`: replaces the custom JSON.
 * @throws VALIDATION_FAILED (data), USER_NOT_FOUND
 */
export async function setStoreUserData(
  deps: CoreDeps,
  projectId: string,
  userId: string,
  data: unknown,
): Promise<void> {
  const text = serialiseData(data);
  const user = await requireStoreUser(deps.db, projectId, userId);
  await upsertUserStoreProfile(
    deps.db,
    { projectId, userId: user.id },
    { data: text },
    deps.clock.now(),
  );
}

/**
 * `PUT /users/{id}/disable` and `/enable`: the user's status becomes `disabled` or `active`
 * through the Backend API's own update, so disabling ends every session in the same
 * transaction and `user.updated` is queued.
 * @throws USER_NOT_FOUND
 */
export async function setStoreUserEnabled(
  deps: CoreDeps,
  projectId: string,
  userId: string,
  enabled: boolean,
): Promise<void> {
  await updateUser(deps, projectId, storeUserId(userId), {
    status: enabled ? 'active' : 'disabled',
  });
}

/**
 * `DELETE /users/{id}`: the Backend API's delete (identifiers, sessions, passkeys and the
 * profile go with the user; `user.deleted` is queued).
 * @throws USER_NOT_FOUND
 */
export async function deleteStoreUser(
  deps: CoreDeps,
  projectId: string,
  userId: string,
): Promise<void> {
  await deleteUser(deps, projectId, storeUserId(userId));
}
