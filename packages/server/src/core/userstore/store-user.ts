import type { Kysely } from 'kysely';
import { type IdentifierRecord, listIdentifiersOfUsers } from '../../store/identifier.store.js';
import type { Database } from '../../store/schema.js';
import { findUser, type UserRecord } from '../../store/user.store.js';
import { findUserStoreProfile } from '../../store/user-store-profile.store.js';
import type { CoreDeps } from '../deps.js';
import { LatchkeyError } from '../errors.js';
import { storeUserId } from './store-user-fields.js';

/** A user as the User store API shows it (`GET /users/{id}`); never the password. */
export interface StoreUser {
  email: string | null;
  confirmed: boolean;
  enabled: boolean;
  data: unknown;
}

/**
 * The email identifier the User store API means by "the user's email": the primary one, else
 * the oldest. Users made through the Backend API may have several, or none.
 */
export function pickStoreEmail(identifiers: IdentifierRecord[]): IdentifierRecord | undefined {
  const emails = identifiers.filter((identifier) => identifier.type === 'email');
  return emails.find((identifier) => identifier.status === 'primary') ?? emails[0];
}

/** The user's email identifier, per `pickStoreEmail`. */
export async function findStoreEmail(
  db: Kysely<Database>,
  projectId: string,
  userId: string,
): Promise<IdentifierRecord | undefined> {
  return pickStoreEmail(await listIdentifiersOfUsers(db, projectId, [userId]));
}

/**
 * The user with the given ID in the project.
 * @throws USER_NOT_FOUND (also for an ID that is no user ID)
 */
export async function requireStoreUser(
  db: Kysely<Database>,
  projectId: string,
  userId: string,
): Promise<UserRecord> {
  const id = storeUserId(userId);
  const user = await findUser(db, projectId, id);
  if (!user) throw new LatchkeyError('USER_NOT_FOUND', `no user ${id}`);
  return user;
}

/**
 * `GET /users/{id}`: email, confirmed (the email identifier is verified or primary), enabled
 * (status is not disabled) and the custom data (null when never set).
 * @throws USER_NOT_FOUND
 */
export async function getStoreUser(
  deps: Pick<CoreDeps, 'db'>,
  projectId: string,
  userId: string,
): Promise<StoreUser> {
  const user = await requireStoreUser(deps.db, projectId, userId);
  const [email, profile] = await Promise.all([
    findStoreEmail(deps.db, projectId, user.id),
    findUserStoreProfile(deps.db, projectId, user.id),
  ]);
  return {
    email: email?.value ?? null,
    confirmed: email !== undefined && email.status !== 'pending',
    enabled: user.status !== 'disabled',
    data: profile?.data == null ? null : JSON.parse(profile.data),
  };
}

/**
 * `GET /users/{id}/data`: the custom JSON, null when never set.
 * @throws USER_NOT_FOUND
 */
export async function getStoreUserData(
  deps: Pick<CoreDeps, 'db'>,
  projectId: string,
  userId: string,
): Promise<unknown> {
  const user = await requireStoreUser(deps.db, projectId, userId);
  const profile = await findUserStoreProfile(deps.db, projectId, user.id);
  return profile?.data == null ? null : JSON.parse(profile.data);
}
