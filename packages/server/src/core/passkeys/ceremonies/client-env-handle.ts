import { createHash } from 'node:crypto';
import type { ClientInformation } from '../../events/client-information.js';

/**
 * Which client environment a ceremony came from: the client's own `clientEnvHandle` when it
 * sends one (Corbado's web SDK keeps one in local storage), otherwise a hash of what
 * identifies a browser on a device without one: user agent and JavaScript fingerprint.
 */
export function clientEnvHandleOf(client: ClientInformation): string {
  if (client.clientEnvHandle) return client.clientEnvHandle;
  const digest = createHash('sha256')
    .update(client.userAgent)
    .update('\n')
    .update(client.javascriptFingerprint ?? '')
    .digest('base64url');
  return `ua-${digest}`;
}
