import { consumeCompletedChallenge } from '../../../store/passkey-challenge.store.js';
import type { CoreDeps } from '../../deps.js';
import { invalidField } from '../../errors.js';
import { verifyJwt } from '../../keys/verify-jwt.js';
import { maxUsernameLength } from '../ceremonies/ceremony-fields.js';
import { passkeyDataLeewaySeconds, passkeyDataTokenType } from './passkey-data-token.js';

export type SignedDataVerificationResult =
  | 'success'
  | 'invalid_signature'
  | 'invalid_challenge'
  | 'user_mismatch'
  | 'generic_error';

/** Longest `signedPasskeyData` accepted in a request. */
const maxTokenLength = 8 * 1024;

/**
 * Verifies `signedPasskeyData` for the customer's backend. In order: signature, type and
 * issuer (`invalid_signature`); lifetime (`invalid_challenge`); the username the backend
 * expects (`user_mismatch`, and the token stays usable); then the login's challenge is consumed
 * (completed → consumed) so the token verifies once (`invalid_challenge` on reuse).
 * @throws VALIDATION_FAILED only for a request without the fields
 */
export async function verifySignedPasskeyData(
  deps: CoreDeps,
  projectId: string,
  input: { signedPasskeyData: unknown; username: unknown },
): Promise<SignedDataVerificationResult> {
  if (typeof input.signedPasskeyData !== 'string' || input.signedPasskeyData === '') {
    throw invalidField('signedPasskeyData', 'is required');
  }
  if (input.signedPasskeyData.length > maxTokenLength) {
    throw invalidField('signedPasskeyData', `must be at most ${maxTokenLength} characters`);
  }
  if (typeof input.username !== 'string') throw invalidField('username', 'must be a string');
  if (input.username.length > maxUsernameLength) {
    throw invalidField('username', `must be at most ${maxUsernameLength} characters`);
  }
  const verification = await verifyJwt(deps, {
    projectId,
    purpose: 'passkey-data',
    typ: passkeyDataTokenType,
    token: input.signedPasskeyData,
  });
  if (!verification.ok) return 'invalid_signature';
  const claims = verification.claims;
  if (
    claims.iss !== projectId ||
    typeof claims.sub !== 'string' ||
    typeof claims.challengeId !== 'string'
  ) {
    return 'invalid_signature';
  }
  const now = Math.floor(deps.clock.now() / 1000);
  const exp = typeof claims.exp === 'number' ? claims.exp : 0;
  const nbf = typeof claims.nbf === 'number' ? claims.nbf : Number.POSITIVE_INFINITY;
  if (now >= exp + passkeyDataLeewaySeconds || now + passkeyDataLeewaySeconds < nbf) {
    return 'invalid_challenge';
  }
  if (claims.username !== input.username) return 'user_mismatch';
  const challenge = await consumeCompletedChallenge(deps.db, {
    projectId,
    id: claims.challengeId,
    now: deps.clock.now(),
  });
  if (challenge?.type !== 'authenticate' || challenge.userId !== claims.sub) {
    return 'invalid_challenge';
  }
  if (challenge.credentialId !== claims.credential) return 'invalid_challenge';
  return 'success';
}
