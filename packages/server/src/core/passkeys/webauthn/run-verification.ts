import type { RelyingParty } from '../relying-party.js';
import { checkOriginPolicy } from './check-origin-policy.js';
import { readClientData } from './credential-response.js';
import { verificationFailed } from './verification-failed.js';

/**
 * The frame around one @simplewebauthn verification: the origin policy first (the library
 * does not check crossOrigin/topOrigin), then the library call, whose errors and negative
 * answers become WEBAUTHN_VERIFICATION_FAILED naming the response field.
 */
export async function runVerification<T extends { verified: boolean }>(
  rp: RelyingParty,
  input: { clientDataJSON: string; field: string; refusal: string },
  verify: () => Promise<T>,
): Promise<T & { verified: true }> {
  checkOriginPolicy(rp, readClientData(input.clientDataJSON, input.field), input.field);
  let result: T;
  try {
    result = await verify();
  } catch (error) {
    throw verificationFailed(input.field, (error as Error).message, error);
  }
  if (!result.verified) throw verificationFailed(input.field, input.refusal);
  return result as T & { verified: true };
}
