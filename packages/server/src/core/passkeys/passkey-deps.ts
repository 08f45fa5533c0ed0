import type { KeyDeps } from '../keys/signing-keys.js';
import type { AaguidCatalog } from './aaguid-catalog.js';
import type { WebauthnVerifier } from './webauthn/webauthn-verifier.js';

/** What the passkey ceremonies need beyond the core ports: the master key and the AAGUID names. */
export interface PasskeyDeps extends KeyDeps {
  aaguids: AaguidCatalog;
  /** Where responses are verified; in process when absent. */
  verifier?: WebauthnVerifier;
}
