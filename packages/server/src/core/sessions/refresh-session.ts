import {
  endSession,
  findRetiredTokenSession,
  insertRetiredToken,
  rotateSessionToken,
  type SessionRecord,
} from '../../store/session.store.js';
import { findUser, type UserRecord } from '../../store/user.store.js';
import { hashToken } from '../crypto/hash-token.js';
import { LatchkeyError } from '../errors.js';
import { getProject } from '../projects/get-project.js';
import type { RateLimitRule } from '../rate-limit/rate-limiter.js';
import type { IssuedSession } from './create-session.js';
import type { SessionDeps } from './session-deps.js';
import { sessionSettingsOf } from './session-settings.js';
import { isRefreshTokenShape, newRefreshToken } from './session-token.js';
import { signSessionToken } from './sign-session-token.js';

/**
 * At most 60 refreshes a minute per project and client address: a browser refreshes every
 * few minutes, so this only stops someone trying tokens.
 */
export const sessionRefreshRule: RateLimitRule = {
  name: 'session-refresh',
  limit: 60,
  windowMs: 60 * 1000,
};

type Outcome =
  | { kind: 'rotated'; session: SessionRecord; user: UserRecord }
  | { kind: 'refused'; message: string };

const invalid = 'the refresh token is not valid; log in again';

/**
 * Rotates a long session's refresh token and signs a new session token. The rotation is one
 * guarded UPDATE on the current token's hash (so of two concurrent refreshes with one token
 * exactly one wins), and the old hash is kept: presenting a rotated-out token again revokes
 * the whole session, because either the client or someone who copied the token is replaying
 * it (OAuth 2.0 Security BCP, RFC 9700 §4.14.2). A session whose user is no longer active is
 * revoked instead.
 * @throws RATE_LIMITED, SESSION_INVALID (unknown, expired, ended, reused or another project's)
 */
export async function refreshSession(
  deps: SessionDeps,
  projectId: string,
  input: { refreshToken: string; clientAddress: string },
): Promise<IssuedSession> {
  await deps.rateLimiter.consume(sessionRefreshRule, `${projectId}:${input.clientAddress}`);
  if (!isRefreshTokenShape(input.refreshToken)) throw new LatchkeyError('SESSION_INVALID', invalid);
  const project = await getProject(deps, projectId);
  const settings = sessionSettingsOf(project);
  const tokenHash = hashToken(input.refreshToken);
  const refreshToken = newRefreshToken(deps.random);
  const now = deps.clock.now();
  // Refusals that change state (revoking) commit before the error is thrown.
  const outcome = await deps.db.transaction().execute(async (trx): Promise<Outcome> => {
    const session = await rotateSessionToken(trx, {
      projectId,
      tokenHash,
      newTokenHash: hashToken(refreshToken),
      now,
      idleMs: settings.idleLifetimeSeconds * 1000,
    });
    if (!session) {
      const reusedSessionId = await findRetiredTokenSession(trx, projectId, tokenHash);
      if (reusedSessionId === undefined) return { kind: 'refused', message: invalid };
      await endSession(trx, { projectId, id: reusedSessionId, status: 'revoked', now });
      return {
        kind: 'refused',
        message:
          'the refresh token was already used, so the session has been revoked; log in again',
      };
    }
    await insertRetiredToken(trx, {
      tokenHash,
      sessionId: session.id,
      projectId,
      retiredAt: now,
      expiresAt: session.absoluteExpiresAt,
    });
    const user = await findUser(trx, projectId, session.userId);
    if (user?.status !== 'active') {
      await endSession(trx, { projectId, id: session.id, status: 'revoked', now });
      return { kind: 'refused', message: invalid };
    }
    return { kind: 'rotated', session, user };
  });
  if (outcome.kind === 'refused') throw new LatchkeyError('SESSION_INVALID', outcome.message);
  const signed = await signSessionToken(deps, {
    project,
    user: outcome.user,
    session: outcome.session,
  });
  return {
    session: outcome.session,
    refreshToken,
    sessionToken: signed.token,
    sessionTokenExpiresAt: signed.expiresAt,
  };
}
