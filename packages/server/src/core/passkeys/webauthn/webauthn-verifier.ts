import type { RelyingParty } from '../relying-party.js';
import {
  type VerifiedAuthentication,
  type VerifyAuthenticationInput,
  verifyAuthentication,
} from './verify-authentication.js';
import {
  type VerifiedRegistration,
  type VerifyRegistrationInput,
  verifyRegistration,
} from './verify-registration.js';

/**
 * Where WebAuthn responses are verified. The ceremonies depend on this port, not on the
 * library, so the server can move the CPU-heavy verification off the event loop (see
 * server/crypto-worker-pool.ts) while tests verify in process.
 */
export interface WebauthnVerifier {
  verifyRegistration(
    rp: RelyingParty,
    input: VerifyRegistrationInput,
  ): Promise<VerifiedRegistration>;
  verifyAuthentication(
    rp: RelyingParty,
    input: VerifyAuthenticationInput,
  ): Promise<VerifiedAuthentication>;
}

/** Verifies on the calling thread. */
export const inProcessVerifier: WebauthnVerifier = { verifyRegistration, verifyAuthentication };
