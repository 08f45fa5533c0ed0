import type { RelyingParty } from '../relying-party.js';
import type { CollectedClientData } from './credential-response.js';
import { verificationFailed } from './verification-failed.js';

/**
 * The origin rules @simplewebauthn leaves to the relying party (WebAuthn §7.1 steps 9–10):
 * a ceremony run inside a cross-origin iframe (`crossOrigin: true`) or naming a `topOrigin`
 * is refused unless the project allows cross-origin ceremonies, and then only from the
 * configured top origins. The origin itself is checked against the project's origins by
 * the verifier; it never comes from the request.
 * @throws WEBAUTHN_VERIFICATION_FAILED
 */
export function checkOriginPolicy(
  rp: RelyingParty,
  clientData: CollectedClientData,
  field: string,
): void {
  if (!clientData.crossOrigin && clientData.topOrigin === undefined) return;
  if (!rp.allowCrossOrigin) {
    throw verificationFailed(field, 'cross-origin ceremonies are not allowed for this project');
  }
  if (clientData.topOrigin !== undefined && !rp.allowedTopOrigins.includes(clientData.topOrigin)) {
    throw verificationFailed(field, `top origin ${clientData.topOrigin} is not allowed`);
  }
}
