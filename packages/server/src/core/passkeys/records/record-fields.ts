import type { CredentialRecord, CredentialStatus } from '../../../store/credential.store.js';
import type {
  PasskeyChallengeStatus,
  PasskeyChallengeType,
} from '../../../store/passkey-challenge.store.js';
import { invalidField } from '../../errors.js';
import { parseId } from '../../ids.js';
import type { AaguidDetails } from '../aaguid-catalog.js';

/** The records as core hands them to adapters. */
export type { ClientEnvRecord } from '../../../store/client-env.store.js';
export type { CredentialRecord, CredentialStatus } from '../../../store/credential.store.js';
export type {
  PasskeyChallengeRecord,
  PasskeyChallengeStatus,
  PasskeyChallengeType,
} from '../../../store/passkey-challenge.store.js';
export type { PasswordManagerRecord } from '../../../store/password-manager.store.js';

/** A credential with the authenticator's name and icons from the AAGUID catalog. */
export interface CredentialWithDetails extends CredentialRecord {
  aaguidDetails: AaguidDetails;
}

/** backend_api.yml `credential.status`. */
export const credentialStatuses: readonly CredentialStatus[] = ['pending', 'active'];
/** backend_api.yml `credential.transport` items. */
export const credentialTransports = [
  'usb',
  'nfc',
  'ble',
  'internal',
  'hybrid',
  'smart-card',
] as const;
/** backend_api.yml `passkeyChallengeType`. */
export const passkeyChallengeTypes: readonly PasskeyChallengeType[] = ['register', 'authenticate'];
/** backend_api.yml `passkeyChallengeStatus`. */
export const passkeyChallengeStatuses: readonly PasskeyChallengeStatus[] = [
  'pending',
  'completed',
  'consumed',
];

/**
 * Reads a credential ID from a path (the `cre-…` ID, prefix optional; not the base64url
 * WebAuthn credential ID).
 * @throws VALIDATION_FAILED naming `credentialID`.
 */
export function requireCredentialId(value: string): string {
  const id = parseId('credential', value);
  if (!id) throw invalidField('credentialID', 'must be a passkey ID like cre-4693224802260150919');
  return id;
}

/**
 * Reads a passkey challenge ID from a path (`pch-…`, prefix optional).
 * @throws VALIDATION_FAILED naming `passkeyChallengeID`.
 */
export function requirePasskeyChallengeId(value: string): string {
  const id = parseId('passkeyChallenge', value);
  if (!id) {
    throw invalidField(
      'passkeyChallengeID',
      'must be a passkey challenge ID like pch-4693224802260150919',
    );
  }
  return id;
}
