import type { ClientInformation } from '../../events/client-information.js';
import { clientCapabilitiesOf } from './client-capabilities.js';

/**
 * Whether to offer conditional UI (passkeys in the autofill list): only when the client
 * reports conditional mediation, and not on a client that can use passkeys neither itself
 * (platform authenticator) nor from a phone (hybrid). Nobody is identified yet, so nothing
 * about a user goes into it.
 */
export function decideMediation(client: ClientInformation): { loginAllow: boolean } {
  const capabilities = clientCapabilitiesOf(client);
  return {
    loginAllow:
      client.conditionalMediationAvailable &&
      (capabilities.platformAuthenticator || capabilities.hybrid),
  };
}
