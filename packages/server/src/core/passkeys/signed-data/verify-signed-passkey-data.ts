import type { CoreDeps } from '../../deps.js';
import { invalidField } from '../../errors.js';
import { maxUsernameLength } from '../ceremonies/ceremony-fields.js';
import {
  consumeSignedPasskeyData,
  type SignedDataVerificationResult,
} from './consume-signed-passkey-data.js';

export type { SignedDataVerificationResult };

/** Longest `signedPasskeyData` accepted in a request. */
export const maxTokenLength = 8 * 1024;

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
  return (await consumeSignedPasskeyData(deps, projectId, input.signedPasskeyData, input.username))
    .result;
}
