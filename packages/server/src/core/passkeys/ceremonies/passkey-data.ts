import type { CredentialRecord } from '../../../store/credential.store.js';
import type { AaguidCatalog, AaguidDetails } from '../aaguid-catalog.js';
import type { CeremonyType } from './ceremony-type.js';

/** backend_api.yml `passkeyData`: what a finished ceremony reports about the passkey used. */
export interface PasskeyData {
  id: string;
  userID: string;
  username: string;
  ceremonyType: CeremonyType;
  challengeID: string;
  aaguidDetails: AaguidDetails;
}

export function passkeyDataOf(
  credential: CredentialRecord,
  input: { challengeId: string; ceremonyType: CeremonyType; aaguids: AaguidCatalog },
): PasskeyData {
  return {
    id: credential.id,
    userID: credential.userId,
    username: credential.username,
    ceremonyType: input.ceremonyType,
    challengeID: input.challengeId,
    aaguidDetails: input.aaguids.lookup(credential.aaguid),
  };
}
