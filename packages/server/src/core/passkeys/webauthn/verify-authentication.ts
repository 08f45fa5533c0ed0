import {
  type AuthenticationResponseJSON,
  verifyAuthenticationResponse,
} from '@simplewebauthn/server';
import type { CredentialRecord } from '../../../store/credential.store.js';
import type { RelyingParty } from '../relying-party.js';
import { runVerification } from './run-verification.js';

export interface VerifiedAuthentication {
  /** The counter the authenticator reported. */
  signCount: number;
  backupEligible: boolean;
  backupState: boolean;
  userVerified: boolean;
}

export interface VerifyAuthenticationInput {
  response: AuthenticationResponseJSON;
  /** The challenge this ceremony issued (base64url). */
  expectedChallenge: string;
  credential: Pick<CredentialRecord, 'credentialId' | 'publicKey' | 'transports'>;
  field?: string;
}

/**
 * Verifies an assertion's signature and client data against the project's relying party:
 * type `webauthn.get`, the issued challenge, an allowed origin, the RP ID hash, UP always, UV
 * when the project requires it. The counter and the backup-eligible flag are the caller's to
 * compare with the stored credential (@simplewebauthn's own counter check is bypassed so that a
 * regression can be told apart from other failures and recorded).
 * @throws WEBAUTHN_VERIFICATION_FAILED naming the response field
 */
export async function verifyAuthentication(
  rp: RelyingParty,
  input: VerifyAuthenticationInput,
): Promise<VerifiedAuthentication> {
  const field = input.field ?? 'assertionResponse';
  const result = await runVerification(
    rp,
    {
      clientDataJSON: input.response.response.clientDataJSON,
      field,
      refusal: 'the signature could not be verified',
    },
    () =>
      verifyAuthenticationResponse({
        response: input.response,
        expectedChallenge: input.expectedChallenge,
        expectedOrigin: rp.origins,
        expectedRPID: rp.id,
        expectedType: 'webauthn.get',
        requireUserVerification: rp.userVerification === 'required',
        credential: {
          id: input.credential.credentialId,
          publicKey: Buffer.from(input.credential.publicKey, 'base64url'),
          counter: 0,
        },
      }),
  );
  const info = result.authenticationInfo;
  return {
    signCount: info.newCounter,
    backupEligible: info.credentialDeviceType === 'multiDevice',
    backupState: info.credentialBackedUp,
    userVerified: info.userVerified,
  };
}
