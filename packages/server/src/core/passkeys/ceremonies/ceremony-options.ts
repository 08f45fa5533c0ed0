import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import type { CredentialRecord } from '../../../store/credential.store.js';
import type { RelyingParty } from '../relying-party.js';

type Transports = NonNullable<
  PublicKeyCredentialCreationOptionsJSON['excludeCredentials']
>[number]['transports'];

function descriptorOf(credential: Pick<CredentialRecord, 'credentialId' | 'transports'>) {
  return {
    type: 'public-key' as const,
    id: credential.credentialId,
    ...(credential.transports.length > 0 && { transports: credential.transports as Transports }),
  };
}

/**
 * `attestationOptions`: the creation options as JSON text with the `publicKey` wrapper, as
 * `navigator.credentials.create()` takes them (after base64url decoding). The user's existing
 * passkeys are excluded, so an authenticator that already holds one refuses to make another.
 */
export function creationOptionsJson(input: {
  rp: RelyingParty;
  challenge: string;
  userHandle: string;
  username: string;
  exclude: CredentialRecord[];
}): string {
  const { rp } = input;
  const publicKey: PublicKeyCredentialCreationOptionsJSON = {
    challenge: input.challenge,
    rp: { name: rp.name, id: rp.id },
    user: { id: input.userHandle, name: input.username, displayName: input.username },
    pubKeyCredParams: rp.algorithms.map((alg) => ({ type: 'public-key', alg })),
    authenticatorSelection: {
      ...(rp.authenticatorAttachment !== null && {
        authenticatorAttachment: rp.authenticatorAttachment,
      }),
      residentKey: rp.residentKey,
      requireResidentKey: rp.residentKey === 'required',
      userVerification: rp.userVerification,
    },
    timeout: rp.timeoutMs,
    attestation: rp.attestation,
    excludeCredentials: input.exclude.map(descriptorOf),
    extensions: { credProps: true },
  };
  return JSON.stringify({ publicKey });
}

/**
 * `assertionOptions`: the request options as JSON text with the `publicKey` wrapper. An empty
 * allow list lets the authenticator offer any discoverable passkey (conditional UI).
 */
export function requestOptionsJson(input: {
  rp: RelyingParty;
  challenge: string;
  allow: Array<Pick<CredentialRecord, 'credentialId' | 'transports'>>;
}): string {
  const publicKey: PublicKeyCredentialRequestOptionsJSON = {
    challenge: input.challenge,
    rpId: input.rp.id,
    timeout: input.rp.timeoutMs,
    userVerification: input.rp.userVerification,
    allowCredentials: input.allow.map(descriptorOf),
  };
  return JSON.stringify({ publicKey });
}
