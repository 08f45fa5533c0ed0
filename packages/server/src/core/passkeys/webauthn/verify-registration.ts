import { type RegistrationResponseJSON, verifyRegistrationResponse } from '@simplewebauthn/server';
import { cose, decodeCredentialPublicKey } from '@simplewebauthn/server/helpers';
import type { RelyingParty } from '../relying-party.js';
import { runVerification } from './run-verification.js';
import { verificationFailed } from './verification-failed.js';

/** A verified new credential, ready to be stored. */
export interface VerifiedRegistration {
  /** base64url raw credential ID. */
  credentialId: string;
  /** base64url COSE_Key. */
  publicKey: string;
  algorithm: number;
  signCount: number;
  aaguid: string;
  backupEligible: boolean;
  backupState: boolean;
  userVerified: boolean;
  /** Attestation statement format: none, packed, … */
  attestationType: string;
  transports: string[];
  authenticatorAttachment: 'platform' | 'cross-platform' | null;
}

export interface VerifyRegistrationInput {
  response: RegistrationResponseJSON;
  /** The challenge this ceremony issued (base64url). */
  expectedChallenge: string;
  field?: string;
}

/**
 * Verifies a registration against the project's relying party: type `webauthn.create`, the
 * issued challenge, an allowed origin, the RP ID hash, UP always, UV when the project requires
 * it, an offered algorithm, and the attestation statement.
 * @throws WEBAUTHN_VERIFICATION_FAILED naming the response field
 */
export async function verifyRegistration(
  rp: RelyingParty,
  input: VerifyRegistrationInput,
): Promise<VerifiedRegistration> {
  const field = input.field ?? 'attestationResponse';
  const result = await runVerification(
    rp,
    {
      clientDataJSON: input.response.response.clientDataJSON,
      field,
      refusal: 'the attestation could not be verified',
    },
    () =>
      verifyRegistrationResponse({
        response: input.response,
        expectedChallenge: input.expectedChallenge,
        expectedOrigin: rp.origins,
        expectedRPID: rp.id,
        expectedType: 'webauthn.create',
        requireUserPresence: true,
        requireUserVerification: rp.userVerification === 'required',
        supportedAlgorithmIDs: rp.algorithms,
      }),
  );
  const info = result.registrationInfo;
  // The stored ID is the attested one; a response naming another would mislead whoever reads it.
  if (info.credential.id !== input.response.id) {
    throw verificationFailed(`${field}.id`, 'does not match the credential ID in the attestation');
  }
  return {
    credentialId: info.credential.id,
    publicKey: Buffer.from(info.credential.publicKey).toString('base64url'),
    algorithm: coseAlgorithmOf(info.credential.publicKey),
    signCount: info.credential.counter,
    aaguid: info.aaguid,
    backupEligible: info.credentialDeviceType === 'multiDevice',
    backupState: info.credentialBackedUp,
    userVerified: info.userVerified,
    attestationType: info.fmt,
    transports: input.response.response.transports ?? [],
    authenticatorAttachment: input.response.authenticatorAttachment ?? null,
  };
}

/** The `alg` (label 3) of a COSE_Key; @simplewebauthn has checked it is one of the offered ones. */
function coseAlgorithmOf(coseKey: Parameters<typeof decodeCredentialPublicKey>[0]): number {
  return Number(decodeCredentialPublicKey(coseKey).get(cose.COSEKEYS.alg) ?? 0);
}
