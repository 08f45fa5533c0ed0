import { consumeCompletedChallenge } from '../../../store/passkey-challenge.store.js';
import type { CoreDeps } from '../../deps.js';
import { verifyJwt } from '../../keys/verify-jwt.js';
import { passkeyDataLeewaySeconds, passkeyDataTokenType } from './passkey-data-token.js';

export type SignedDataVerificationResult =
  | 'success'
  | 'invalid_signature'
  | 'invalid_challenge'
  | 'user_mismatch'
  | 'generic_error';

/** What `consumeSignedPasskeyData` found; `claims` only on success. */
export interface ConsumedPasskeyData {
  result: SignedDataVerificationResult;
  claims?: { sub: string; username: string };
}

/**
 * The checks of `verifySignedPasskeyData` on a token of acceptable size: signature, type and
 * issuer; lifetime; the expected username when one is given; then the login's challenge is
 * consumed in one guarded UPDATE, so of any number of callers (verifySignedData, postLogin)
 * exactly one gets `success` for a token.
 */
export async function consumeSignedPasskeyData(
  deps: CoreDeps,
  projectId: string,
  token: string,
  username: string | undefined,
): Promise<ConsumedPasskeyData> {
  const verification = await verifyJwt(deps, {
    projectId,
    purpose: 'passkey-data',
    typ: passkeyDataTokenType,
    token,
  });
  if (!verification.ok) return { result: 'invalid_signature' };
  const claims = verification.claims;
  if (
    claims.iss !== projectId ||
    typeof claims.sub !== 'string' ||
    typeof claims.challengeId !== 'string' ||
    typeof claims.username !== 'string'
  ) {
    return { result: 'invalid_signature' };
  }
  const now = Math.floor(deps.clock.now() / 1000);
  const exp = typeof claims.exp === 'number' ? claims.exp : 0;
  const nbf = typeof claims.nbf === 'number' ? claims.nbf : Number.POSITIVE_INFINITY;
  if (now >= exp + passkeyDataLeewaySeconds || now + passkeyDataLeewaySeconds < nbf) {
    return { result: 'invalid_challenge' };
  }
  if (username !== undefined && claims.username !== username) return { result: 'user_mismatch' };
  const challenge = await consumeCompletedChallenge(deps.db, {
    projectId,
    id: claims.challengeId,
    now: deps.clock.now(),
  });
  if (challenge?.type !== 'authenticate' || challenge.userId !== claims.sub) {
    return { result: 'invalid_challenge' };
  }
  if (challenge.credentialId !== claims.credential) return { result: 'invalid_challenge' };
  return { result: 'success', claims: { sub: claims.sub, username: claims.username } };
}
