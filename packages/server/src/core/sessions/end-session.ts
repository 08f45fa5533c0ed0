import { endSession, findSession } from '../../store/session.store.js';
import { hashToken } from '../crypto/hash-token.js';
import type { CoreDeps } from '../deps.js';
import { invalidField, LatchkeyError } from '../errors.js';
import { parseId } from '../ids.js';
import { isRefreshTokenShape } from './session-token.js';

/**
 * Logs out the long session a refresh token belongs to. Idempotent: an unknown or already
 * ended token is no error, so a client can always clear its state.
 * @returns whether a session was ended.
 */
export async function logoutByRefreshToken(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  projectId: string,
  refreshToken: string,
): Promise<boolean> {
  if (!isRefreshTokenShape(refreshToken)) return false;
  const ended = await endSession(deps.db, {
    projectId,
    tokenHash: hashToken(refreshToken),
    status: 'logged_out',
    now: deps.clock.now(),
  });
  return ended !== undefined;
}

/** Logs out a long session by its ID (from a verified session token); idempotent. */
export async function logoutSession(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  projectId: string,
  sessionId: string,
): Promise<boolean> {
  const ended = await endSession(deps.db, {
    projectId,
    id: sessionId,
    status: 'logged_out',
    now: deps.clock.now(),
  });
  return ended !== undefined;
}

/**
 * Revokes a session (`POST /v2/sessions/{sessionID}/revoke`): its refresh token stops
 * working at once. Revoking a session that has already ended changes nothing.
 * @throws VALIDATION_FAILED (sessionID), SESSION_NOT_FOUND
 */
export async function revokeSession(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  projectId: string,
  sessionId: string,
): Promise<void> {
  const id = parseId('session', sessionId);
  if (!id) throw invalidField('sessionID', 'must be a session ID like ses-4693224802260150919');
  const ended = await endSession(deps.db, {
    projectId,
    id,
    status: 'revoked',
    now: deps.clock.now(),
  });
  if (ended) return;
  // Nothing was active: either it ended before (fine) or it does not exist.
  if (!(await findSession(deps.db, projectId, id))) {
    throw new LatchkeyError('SESSION_NOT_FOUND', `no session ${id}`);
  }
}
