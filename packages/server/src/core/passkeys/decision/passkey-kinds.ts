import type { CredentialRecord } from '../../../store/credential.store.js';
import type { ClientCapabilities } from './client-capabilities.js';

/** OSes of phones and tablets: a passkey made there can sign in elsewhere via hybrid. */
const mobileOses = new Set(['ios', 'ipados', 'android']);

/** Compares names as recorded (bowser's or the client's), ignoring case; '' never matches. */
function sameName(a: string, b: string): boolean {
  return a !== '' && a.toLowerCase() === b.toLowerCase();
}

/**
 * A roaming security key: transports known and all of them USB, NFC or BLE (no `internal`,
 * no `hybrid`), and not backup-eligible (synced passkeys live in a passkey provider).
 */
export function isSecurityKey(credential: CredentialRecord): boolean {
  return (
    credential.transports.length > 0 &&
    !credential.transports.some((t) => t === 'internal' || t === 'hybrid') &&
    !credential.backupEligible
  );
}

/**
 * The passkey is on this client: it was created in this client environment; or, when either
 * environment is unknown, it was created in the same browser on the same OS (the environment
 * handle of a client without `clientEnvHandle` changes with its user agent). Security keys
 * are on no client.
 */
export function isOnThisClient(
  credential: CredentialRecord,
  clientEnvId: string | null,
  client: ClientCapabilities,
): boolean {
  if (isSecurityKey(credential)) return false;
  if (credential.clientEnvId !== null && clientEnvId !== null) {
    return credential.clientEnvId === clientEnvId;
  }
  return (
    sameName(credential.sourceOs, client.osName) &&
    sameName(credential.sourceBrowser, client.browserName)
  );
}

/**
 * The passkey can likely be reached from a phone over hybrid: made on a phone or tablet, or
 * synced (backup-eligible), or the authenticator listed `hybrid`. Security keys are not.
 */
export function isPhoneReachable(credential: CredentialRecord): boolean {
  if (isSecurityKey(credential)) return false;
  return (
    mobileOses.has(credential.sourceOs.toLowerCase()) ||
    credential.backupEligible ||
    credential.transports.includes('hybrid')
  );
}
