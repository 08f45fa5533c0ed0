import type { ProjectRecord } from '../../store/project.store.js';
import { invalidField, LatchkeyError } from '../errors.js';
import { consumeSignedPasskeyData } from '../passkeys/signed-data/consume-signed-passkey-data.js';
import { maxTokenLength } from '../passkeys/signed-data/verify-signed-passkey-data.js';
import { createSession, type IssuedSession } from './create-session.js';
import type { SessionDeps } from './session-deps.js';

/**
 * `POST /v2/passkey/postLogin`: turns signed passkey data from a finished login into a
 * session. The data is consumed exactly as `verifySignedData` consumes it (one guarded UPDATE
 * on the login's challenge), so one login yields at most one session, and data that was
 * verified already yields none. The session's `orig` is the name the passkey was created for.
 * @throws VALIDATION_FAILED (signedPasskeyData missing or too long),
 *   SIGNED_PASSKEY_DATA_INVALID (forged, expired, another project's or already used),
 *   USER_NOT_FOUND, USER_NOT_ACTIVE
 */
export async function postLogin(
  deps: SessionDeps,
  project: ProjectRecord,
  input: { signedPasskeyData: unknown },
): Promise<IssuedSession> {
  const projectId = project.id;
  const token = input.signedPasskeyData;
  if (typeof token !== 'string' || token === '') {
    throw invalidField('signedPasskeyData', 'is required');
  }
  if (token.length > maxTokenLength) {
    throw invalidField('signedPasskeyData', `must be at most ${maxTokenLength} characters`);
  }
  const consumed = await consumeSignedPasskeyData(deps, projectId, token, undefined);
  if (!consumed.claims) {
    const message =
      consumed.result === 'invalid_challenge'
        ? 'has expired or was already used'
        : 'is not valid signed passkey data of this project';
    throw new LatchkeyError('SIGNED_PASSKEY_DATA_INVALID', `signedPasskeyData: ${message}`, {
      validation: [{ field: 'signedPasskeyData', message }],
    });
  }
  return createSession(deps, {
    project,
    userId: consumed.claims.sub,
    identifierValue: consumed.claims.username,
  });
}
