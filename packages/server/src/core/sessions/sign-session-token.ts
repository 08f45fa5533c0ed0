import type { IdentifierRecord } from '../../store/identifier.store.js';
import { listIdentifiersOfUsers } from '../../store/identifier.store.js';
import type { ProjectRecord } from '../../store/project.store.js';
import type { SessionRecord } from '../../store/session.store.js';
import type { UserRecord } from '../../store/user.store.js';
import { isLatchkeyError } from '../errors.js';
import { ensureSigningKey } from '../keys/ensure-signing-key.js';
import { rotateSigningKeys } from '../keys/rotate-signing-keys.js';
import { signJwt } from '../keys/sign-jwt.js';
import { frontendApiUrlOf } from './frontend-api-url.js';
import type { SessionDeps } from './session-deps.js';
import { sessionSettingsOf } from './session-settings.js';
import { type SessionTokenClaims, sessionTokenType, sessionTokenVersion } from './session-token.js';

const statusRank = { primary: 0, verified: 1, pending: 2 } as const;

/** The user's best identifier of a type: primary, then verified, then pending; oldest first. */
function preferredValue(identifiers: IdentifierRecord[], type: 'email' | 'phone'): string {
  const candidates = identifiers
    .filter((identifier) => identifier.type === type)
    .sort((a, b) => statusRank[a.status] - statusRank[b.status]);
  return candidates[0]?.value ?? '';
}

/**
 * Signs a session token for a user's long session with the project's session key, in the
 * project's algorithm. When the project's algorithm was changed, the session key is rotated
 * first (the old key stays published for the default overlap).
 */
export async function signSessionToken(
  deps: SessionDeps,
  input: { project: ProjectRecord; user: UserRecord; session: SessionRecord },
): Promise<{ token: string; expiresAt: number }> {
  const { project, user, session } = input;
  const settings = sessionSettingsOf(project);
  const key = await ensureSigningKey(deps, {
    projectId: project.id,
    purpose: 'session',
    algorithm: settings.algorithm,
  });
  if (key.algorithm !== settings.algorithm) {
    try {
      await rotateSigningKeys(deps, {
        projectId: project.id,
        purpose: 'session',
        algorithm: settings.algorithm,
      });
    } catch (error) {
      // Another node rotated at the same moment: its key is the one to use.
      if (!isLatchkeyError(error) || error.code !== 'CONFLICT') throw error;
    }
  }
  const identifiers = await listIdentifiersOfUsers(deps.db, project.id, [user.id]);
  const iat = Math.floor(deps.clock.now() / 1000);
  const exp = iat + settings.tokenLifetimeSeconds;
  const claims: SessionTokenClaims = {
    iss: frontendApiUrlOf(project, deps.publicUrl),
    sub: user.id,
    exp,
    iat,
    nbf: iat,
    jti: deps.random.base62(30),
    sid: session.id,
    name: user.fullName ?? '',
    email: preferredValue(identifiers, 'email'),
    phone_number: preferredValue(identifiers, 'phone'),
    orig: session.identifierValue,
    version: sessionTokenVersion,
  };
  const token = await signJwt(deps, {
    projectId: project.id,
    purpose: 'session',
    typ: sessionTokenType,
    claims: claims as unknown as Record<string, unknown>,
  });
  return { token, expiresAt: exp * 1000 };
}
