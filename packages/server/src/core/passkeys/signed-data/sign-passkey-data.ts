import { signJwt } from '../../keys/sign-jwt.js';
import type { KeyDeps } from '../../keys/signing-keys.js';
import {
  type PasskeyDataClaims,
  passkeyDataLeewaySeconds,
  passkeyDataLifetimeSeconds,
  passkeyDataTokenType,
} from './passkey-data-token.js';

export interface SignPasskeyDataInput {
  projectId: string;
  userId: string;
  /** The WebAuthn user ID in clear (explicit WebAuthn ID or user ID). */
  webauthnId: string;
  username: string;
  credentialId: string;
  challengeId: string;
  processId: string;
  conditionalUi: boolean;
}

/**
 * `signedPasskeyData`: a short-lived JWT over a finished login, signed with the project's
 * passkey-data key (never the session key). Its `challengeId` names the login's challenge,
 * which `verifySignedData` consumes, so the token verifies once.
 */
export async function signPasskeyData(deps: KeyDeps, input: SignPasskeyDataInput): Promise<string> {
  const iat = Math.floor(deps.clock.now() / 1000);
  const claims: PasskeyDataClaims = {
    iss: input.projectId,
    sub: input.userId,
    exp: iat + passkeyDataLifetimeSeconds,
    nbf: iat - passkeyDataLeewaySeconds,
    iat,
    jti: deps.random.base62(30),
    processId: input.processId,
    username: input.username,
    credential: input.credentialId,
    challengeId: input.challengeId,
    webauthnId: input.webauthnId,
    isCUI: input.conditionalUi,
  };
  return signJwt(deps, {
    projectId: input.projectId,
    purpose: 'passkey-data',
    typ: passkeyDataTokenType,
    claims: claims as unknown as Record<string, unknown>,
  });
}
