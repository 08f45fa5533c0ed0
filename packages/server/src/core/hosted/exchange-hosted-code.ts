import { consumeHostedCodeRow } from '../../store/hosted-code.store.js';
import type { ProjectRecord } from '../../store/project.store.js';
import { hashToken } from '../crypto/hash-token.js';
import { invalidField, LatchkeyError } from '../errors.js';
import { createSession, type IssuedSession } from '../sessions/create-session.js';
import type { SessionDeps } from '../sessions/session-deps.js';
import { isHostedCodeShape } from './hosted-code.js';

const invalid = 'is unknown, expired, already used, or was issued for another redirect_uri';

/**
 * `POST /v2/hosted/exchange` (a Latchkey extension): the application's backend turns the
 * one-time code from a hosted page's redirect into a session of its own. The code is taken
 * in one `DELETE … RETURNING` scoped to the caller's project and unexpired codes, so it
 * works once; a redirect URI other than the one it was issued for is refused, and the code
 * is gone then too (a code that reached the wrong place is treated as leaked, as OAuth
 * 2.0 §4.1.3 asks of authorization codes).
 * @throws VALIDATION_FAILED (code or redirectURI missing), HOSTED_CODE_INVALID,
 *   USER_NOT_FOUND, USER_NOT_ACTIVE
 */
export async function exchangeHostedCode(
  deps: SessionDeps,
  project: ProjectRecord,
  input: { code: string; redirectUri: string },
): Promise<IssuedSession> {
  if (input.code === '') throw invalidField('code', 'is required');
  if (input.redirectUri === '') throw invalidField('redirectURI', 'is required');
  const consumed = isHostedCodeShape(input.code)
    ? await consumeHostedCodeRow(
        deps.db,
        { projectId: project.id, codeHash: hashToken(input.code) },
        deps.clock.now(),
      )
    : undefined;
  if (!consumed || consumed.redirectUri !== input.redirectUri) {
    throw new LatchkeyError('HOSTED_CODE_INVALID', `code: ${invalid}`, {
      validation: [{ field: 'code', message: invalid }],
    });
  }
  return createSession(deps, {
    project,
    userId: consumed.userId,
    identifierValue: consumed.identifierValue,
  });
}
