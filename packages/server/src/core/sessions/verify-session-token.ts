import type { ProjectRecord } from '../../store/project.store.js';
import { findSession, type SessionRecord, sessionStatusAt } from '../../store/session.store.js';
import { findUser, type UserRecord } from '../../store/user.store.js';
import type { CoreDeps } from '../deps.js';
import { LatchkeyError } from '../errors.js';
import { isId } from '../ids.js';
import { verifyJwt } from '../keys/verify-jwt.js';
import { frontendApiUrlOf } from './frontend-api-url.js';
import { sessionTokenLeewaySeconds, sessionTokenType } from './session-token.js';

/** Who a valid session token speaks for. */
export interface VerifiedSession {
  user: UserRecord;
  session: SessionRecord;
  claims: Record<string, unknown>;
}

const invalid = 'the session token is not valid; refresh it or log in again';

/**
 * Checks a session token for a request to the project's Frontend API: signature by one of
 * the project's published session keys, `typ`, issuer, `exp`/`nbf` (10 s leeway), and then,
 * unlike a backend that only has the JWKS, that its long session is still active and its
 * user active, so a revoked session or a disabled user is refused at once.
 * @throws SESSION_INVALID
 */
export async function verifySessionToken(
  deps: Pick<CoreDeps, 'db' | 'clock'> & { publicUrl: () => string },
  project: ProjectRecord,
  token: string,
): Promise<VerifiedSession> {
  const verification = await verifyJwt(deps, {
    projectId: project.id,
    purpose: 'session',
    typ: sessionTokenType,
    token,
  });
  if (!verification.ok) throw new LatchkeyError('SESSION_INVALID', invalid);
  const { claims } = verification;
  const now = deps.clock.now();
  const seconds = Math.floor(now / 1000);
  if (
    claims.iss !== frontendApiUrlOf(project, deps.publicUrl) ||
    typeof claims.exp !== 'number' ||
    typeof claims.nbf !== 'number' ||
    seconds >= claims.exp + sessionTokenLeewaySeconds ||
    seconds + sessionTokenLeewaySeconds < claims.nbf ||
    typeof claims.sub !== 'string' ||
    typeof claims.sid !== 'string' ||
    !isId('session', claims.sid)
  ) {
    throw new LatchkeyError('SESSION_INVALID', invalid);
  }
  const session = await findSession(deps.db, project.id, claims.sid);
  if (!session || session.userId !== claims.sub || sessionStatusAt(session, now) !== 'active') {
    throw new LatchkeyError('SESSION_INVALID', invalid);
  }
  const user = await findUser(deps.db, project.id, session.userId);
  if (user?.status !== 'active') throw new LatchkeyError('SESSION_INVALID', invalid);
  return { user, session, claims };
}
