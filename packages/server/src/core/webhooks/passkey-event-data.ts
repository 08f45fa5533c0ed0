import type { CredentialRecord } from '../../store/credential.store.js';
import { formatTimestamp } from '../clock.js';
import type { AaguidCatalog } from '../passkeys/aaguid-catalog.js';

/**
 * The `data` of `passkey.created` and `passkey.deleted`: the passkey as the Backend API's
 * `credential` names its fields, with its owner and the authenticator's name.
 */
export function passkeyEventData(
  credential: CredentialRecord,
  aaguids: AaguidCatalog,
): Record<string, unknown> {
  return {
    userID: credential.userId,
    id: credential.id,
    credentialID: credential.credentialId,
    username: credential.username,
    authenticatorAAGUID: credential.aaguid,
    authenticatorName: aaguids.lookup(credential.aaguid).name,
    backupEligible: credential.backupEligible,
    backupState: credential.backupState,
    transport: credential.transports,
    created: formatTimestamp(credential.createdAt),
    createdMs: credential.createdAt,
  };
}
