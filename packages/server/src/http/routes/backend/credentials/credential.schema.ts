import { Type } from 'typebox';
import { formatTimestamp } from '../../../../core/clock.js';
import {
  type CredentialWithDetails,
  credentialStatuses,
  credentialTransports,
} from '../../../../core/passkeys/records/record-fields.js';
import { Paging, StringEnum } from '../../../schemas/common.schema.js';
import { AaguidDetails } from '../passkeys/passkey.schema.js';

export const CredentialParams = Type.Object({
  userID: Type.String({ maxLength: 64, description: 'Format: usr-<number>' }),
  credentialID: Type.String({ maxLength: 64, description: 'Format: cre-<number>' }),
});

/** backend_api.yml `credential`. */
export const Credential = Type.Object(
  {
    id: Type.String({ description: 'Format: cre-<number>' }),
    credentialID: Type.String({ description: 'The WebAuthn credential ID, base64url' }),
    attestationType: Type.String(),
    transport: Type.Array(StringEnum(credentialTransports)),
    backupEligible: Type.Boolean(),
    backupState: Type.Boolean(),
    authenticatorAAGUID: Type.String(),
    sourceOS: Type.String(),
    sourceBrowser: Type.String(),
    lastUsed: Type.String(),
    lastUsedMs: Type.Integer(),
    created: Type.String(),
    createdMs: Type.Integer(),
    status: StringEnum(credentialStatuses),
    aaguidDetails: AaguidDetails,
    tags: Type.Array(Type.String()),
  },
  { $id: 'credential' },
);

/** backend_api.yml `credentialList`. */
export const CredentialList = Type.Object(
  { credentials: Type.Array(Credential), paging: Paging },
  { $id: 'credentialList' },
);

type CredentialTransport = (typeof credentialTransports)[number];

function isSpecTransport(value: string): value is CredentialTransport {
  return (credentialTransports as readonly string[]).includes(value);
}

/**
 * The wire shape of a passkey (`credential`). Transports the spec does not name (an
 * authenticator may report new ones) are left out; `tags` is always empty (Latchkey has none).
 */
export function toWireCredential(credential: CredentialWithDetails) {
  return {
    id: credential.id,
    credentialID: credential.credentialId,
    attestationType: credential.attestationType,
    transport: credential.transports.filter(isSpecTransport),
    backupEligible: credential.backupEligible,
    backupState: credential.backupState,
    authenticatorAAGUID: credential.aaguid,
    sourceOS: credential.sourceOs,
    sourceBrowser: credential.sourceBrowser,
    lastUsed: formatTimestamp(credential.lastUsedAt),
    lastUsedMs: credential.lastUsedAt,
    created: formatTimestamp(credential.createdAt),
    createdMs: credential.createdAt,
    status: credential.status,
    aaguidDetails: credential.aaguidDetails,
    tags: [] as string[],
  };
}
