import { findConnectUserId, insertConnectUser } from '../../store/connect.store.js';
import { insertUser, type UserRecord } from '../../store/user.store.js';
import type { CoreDeps } from '../deps.js';
import { newId } from '../ids.js';
import { validateFullName } from '../users/user-fields.js';
import { enqueueWebhookEvent } from '../webhooks/enqueue-webhook-event.js';
import { userEventData } from '../webhooks/user-event-data.js';

/**
 * How an identifier of the customer's system is compared: trimmed, NFC-normalised and
 * lower-cased, so `Ada@Example.com` typed at login finds the user a token for
 * `ada@example.com` created.
 */
export function connectIdentifierKey(identifier: string): string {
  return identifier.trim().normalize('NFC').toLowerCase();
}

/** The spec's `loginIdentifierType` of an identifier, guessed from its shape. */
export function connectIdentifierType(identifier: string): 'email' | 'phone' | 'username' {
  if (/^[^@\s]+@[^@\s]+$/.test(identifier)) return 'email';
  if (/^\+[0-9 ()./-]{6,}$/.test(identifier)) return 'phone';
  return 'username';
}

/** The Latchkey user a customer's identifier maps to in the project, if any. */
export async function findConnectUser(
  deps: Pick<CoreDeps, 'db'>,
  projectId: string,
  identifier: string,
): Promise<string | undefined> {
  return findConnectUserId(deps.db, projectId, connectIdentifierKey(identifier));
}

/** Thrown inside the transaction when another request mapped the identifier first. */
class LostRace extends Error {}

/**
 * The user for a customer's identifier, created on first use (status `active`, full name
 * the token's `displayName`) together with its mapping and the `user.created` webhook in one
 * transaction. Of two concurrent first appends one creates the user; the other's transaction
 * is rolled back and it gets the winner's user.
 */
export async function ensureConnectUser(
  deps: CoreDeps,
  projectId: string,
  data: { identifier: string; displayName: string },
): Promise<string> {
  const identifierKey = connectIdentifierKey(data.identifier);
  const existing = await findConnectUserId(deps.db, projectId, identifierKey);
  if (existing) return existing;
  const now = deps.clock.now();
  const user: UserRecord = {
    id: newId('user', deps.random),
    projectId,
    fullName: validateFullName(data.displayName),
    status: 'active',
    explicitWebauthnId: null,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await deps.db.transaction().execute(async (trx) => {
      await insertUser(trx, user);
      const mapped = await insertConnectUser(trx, {
        projectId,
        identifierKey,
        userId: user.id,
        createdAt: now,
      });
      if (!mapped) throw new LostRace();
      await enqueueWebhookEvent(
        trx,
        { projectId, type: 'user.created', data: userEventData(user) },
        deps.clock,
        deps.random,
      );
    });
    return user.id;
  } catch (error) {
    if (!(error instanceof LostRace)) throw error;
    const winner = await findConnectUserId(deps.db, projectId, identifierKey);
    if (!winner) throw error;
    return winner;
  }
}
