import type { KeyDeps } from '../keys/signing-keys.js';
import type { AaguidCatalog } from './aaguid-catalog.js';

/** What the passkey ceremonies need beyond the core ports: the master key and the AAGUID names. */
export interface PasskeyDeps extends KeyDeps {
  aaguids: AaguidCatalog;
}
