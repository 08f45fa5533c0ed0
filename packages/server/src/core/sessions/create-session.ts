import { isForeignKeyViolation } from '../../store/constraint-violation.js';
import type { ProjectRecord } from '../../store/project.store.js';
import { insertSession, type SessionRecord } from '../../store/session.store.js';
import type { UserRecord } from '../../store/user.store.js';
import { hashToken } from '../crypto/hash-token.js';
import { invalidField, LatchkeyError } from '../errors.js';
import { newId } from '../ids.js';
import { getUser } from '../users/get-user.js';
import type { SessionDeps } from './session-deps.js';
import { sessionSettingsOf } from './session-settings.js';
import { newRefreshToken } from './session-token.js';
import { signSessionToken } from './sign-session-token.js';

/** A session as a login hands it out: the record, the refresh token (once) and a session token. */
export interface IssuedSession {
  session: SessionRecord;
  /** The opaque refresh token, in clear only here; only its SHA-256 is stored. */
  refreshToken: string;
  sessionToken: string;
  sessionTokenExpiresAt: number;
}

/** Longest `orig` kept: the longest identifier (an email address) is 320 characters. */
const maxIdentifierLength = 320;

/**
 * Starts a long session for an active user after a login: a new refresh token (stored as
 * its SHA-256) and a session token. `identifierValue` is what the user logged in with.
 * `project` is the record the caller's request already read (the Backend API's authentication,
 * the Frontend API's project resolution): reading it again would cost a statement per login
 * and could not be fresher in any way that matters within one request.
 * @throws USER_NOT_FOUND, USER_NOT_ACTIVE (pending or disabled)
 */
export async function createSession(
  deps: SessionDeps,
  input: { project: ProjectRecord; userId: string; identifierValue: string },
): Promise<IssuedSession> {
  if (input.identifierValue.length > maxIdentifierLength) {
    throw invalidField('identifierValue', `must be at most ${maxIdentifierLength} characters`);
  }
  const project = input.project;
  const user = await getUser(deps, project.id, input.userId);
  assertActive(user);
  const settings = sessionSettingsOf(project);
  const now = deps.clock.now();
  const absoluteExpiresAt = now + settings.absoluteLifetimeSeconds * 1000;
  const refreshToken = newRefreshToken(deps.random);
  const session: SessionRecord = {
    id: newId('session', deps.random),
    projectId: project.id,
    userId: user.id,
    identifierValue: input.identifierValue,
    status: 'active',
    createdAt: now,
    updatedAt: now,
    lastActionAt: now,
    expiresAt: Math.min(now + settings.idleLifetimeSeconds * 1000, absoluteExpiresAt),
    absoluteExpiresAt,
  };
  try {
    await insertSession(deps.db, { ...session, refreshTokenHash: hashToken(refreshToken) });
  } catch (error) {
    // The user was deleted since it was read.
    if (isForeignKeyViolation(error)) {
      throw new LatchkeyError('USER_NOT_FOUND', `no user ${user.id}`, { cause: error });
    }
    throw error;
  }
  const signed = await signSessionToken(deps, { project, user, session });
  return {
    session,
    refreshToken,
    sessionToken: signed.token,
    sessionTokenExpiresAt: signed.expiresAt,
  };
}

/** @throws USER_NOT_ACTIVE unless the user is active. */
export function assertActive(user: UserRecord): void {
  if (user.status !== 'active') {
    throw new LatchkeyError('USER_NOT_ACTIVE', `user ${user.id} is ${user.status}`);
  }
}
