import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { invalidField } from '../../errors.js';

/** The longest credential ID WebAuthn allows (§5.8.3: at most 1023 bytes). */
export const maxCredentialIdBytes = 1023;

/** What a relying party reads from `clientDataJSON` (WebAuthn §5.8.1). */
export interface CollectedClientData {
  type: string;
  challenge: string;
  origin: string;
  crossOrigin: boolean;
  topOrigin: string | undefined;
}

const base64url = /^[A-Za-z0-9_-]*$/;
// Generous bounds: real values are far smaller, and the body limit caps the total anyway.
const maxEncodedLength = {
  clientDataJSON: 8 * 1024,
  attestationObject: 64 * 1024,
  authenticatorData: 8 * 1024,
  signature: 2 * 1024,
  userHandle: 128,
};

function objectAt(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidField(field, 'must be an object');
  }
  return value as Record<string, unknown>;
}

function base64urlAt(value: unknown, field: string, maxLength: number): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw invalidField(field, 'must be a non-empty base64url string');
  }
  if (value.length > maxLength)
    throw invalidField(field, `must be at most ${maxLength} characters`);
  if (!base64url.test(value)) throw invalidField(field, 'must be base64url without padding');
  return value;
}

/** The credential ID as base64url, at most 1023 bytes once decoded. */
function credentialIdAt(value: unknown, field: string): string {
  const id = base64urlAt(value, field, Math.ceil((maxCredentialIdBytes * 4) / 3));
  if (Buffer.from(id, 'base64url').length > maxCredentialIdBytes) {
    throw invalidField(field, `must be at most ${maxCredentialIdBytes} bytes`);
  }
  return id;
}

/** Parses the JSON string field (`attestationResponse` / `assertionResponse`) into an object. */
function parseJsonField(text: string, field: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalidField(
      field,
      'must be the JSON-serialised PublicKeyCredential (credential.toJSON())',
    );
  }
  const credential = objectAt(value, field);
  if (credential.type !== 'public-key') throw invalidField(`${field}.type`, 'must be "public-key"');
  const id = credentialIdAt(credential.id, `${field}.id`);
  const rawId = credentialIdAt(credential.rawId ?? credential.id, `${field}.rawId`);
  if (rawId !== id) throw invalidField(`${field}.rawId`, 'must equal id');
  const attachment = credential.authenticatorAttachment;
  if (
    attachment !== undefined &&
    attachment !== null &&
    attachment !== 'platform' &&
    attachment !== 'cross-platform'
  ) {
    throw invalidField(`${field}.authenticatorAttachment`, 'must be platform or cross-platform');
  }
  return credential;
}

/** The parts both response kinds share: the credential with its id, and `response.clientDataJSON`. */
function parseCredential(text: string, field: string) {
  const credential = parseJsonField(text, field);
  const response = objectAt(credential.response, `${field}.response`);
  base64urlAt(
    response.clientDataJSON,
    `${field}.response.clientDataJSON`,
    maxEncodedLength.clientDataJSON,
  );
  return { credential, response };
}

/**
 * Reads `attestationResponse`: a registration response as the browser's `toJSON()` writes it.
 * @throws VALIDATION_FAILED naming the bad member, e.g. `attestationResponse.response.clientDataJSON`.
 */
export function parseRegistrationResponse(
  text: string,
  field = 'attestationResponse',
): RegistrationResponseJSON {
  const { credential, response } = parseCredential(text, field);
  base64urlAt(
    response.attestationObject,
    `${field}.response.attestationObject`,
    maxEncodedLength.attestationObject,
  );
  const transports = response.transports ?? [];
  if (
    !Array.isArray(transports) ||
    transports.length > 8 ||
    transports.some((t) => typeof t !== 'string' || t.length > 32)
  ) {
    throw invalidField(`${field}.response.transports`, 'must be a short list of transport names');
  }
  return {
    id: credential.id as string,
    rawId: credential.id as string,
    type: 'public-key',
    authenticatorAttachment: (credential.authenticatorAttachment ??
      undefined) as RegistrationResponseJSON['authenticatorAttachment'],
    clientExtensionResults: {},
    response: {
      clientDataJSON: response.clientDataJSON as string,
      attestationObject: response.attestationObject as string,
      transports: transports as RegistrationResponseJSON['response']['transports'],
    },
  };
}

/**
 * Reads `assertionResponse`: an authentication response as the browser's `toJSON()` writes it.
 * @throws VALIDATION_FAILED naming the bad member.
 */
export function parseAuthenticationResponse(
  text: string,
  field = 'assertionResponse',
): AuthenticationResponseJSON {
  const { credential, response } = parseCredential(text, field);
  base64urlAt(
    response.authenticatorData,
    `${field}.response.authenticatorData`,
    maxEncodedLength.authenticatorData,
  );
  base64urlAt(response.signature, `${field}.response.signature`, maxEncodedLength.signature);
  const userHandle =
    response.userHandle === undefined || response.userHandle === null || response.userHandle === ''
      ? undefined
      : base64urlAt(
          response.userHandle,
          `${field}.response.userHandle`,
          maxEncodedLength.userHandle,
        );
  return {
    id: credential.id as string,
    rawId: credential.id as string,
    type: 'public-key',
    authenticatorAttachment: (credential.authenticatorAttachment ??
      undefined) as AuthenticationResponseJSON['authenticatorAttachment'],
    clientExtensionResults: {},
    response: {
      clientDataJSON: response.clientDataJSON as string,
      authenticatorData: response.authenticatorData as string,
      signature: response.signature as string,
      ...(userHandle !== undefined && { userHandle }),
    },
  };
}

/**
 * Decodes `clientDataJSON` far enough to find the challenge and the origin rules; the full
 * check (type, challenge, origin) is @simplewebauthn's.
 * @throws VALIDATION_FAILED when it is not a JSON object with string type/challenge/origin.
 */
export function readClientData(clientDataJSON: string, field: string): CollectedClientData {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8'));
  } catch {
    throw invalidField(`${field}.response.clientDataJSON`, 'is not base64url-encoded JSON');
  }
  const data = objectAt(value, `${field}.response.clientDataJSON`);
  for (const member of ['type', 'challenge', 'origin'] as const) {
    if (typeof data[member] !== 'string' || (data[member] as string).length > 2048) {
      throw invalidField(`${field}.response.clientDataJSON`, `has no valid ${member}`);
    }
  }
  return {
    type: data.type as string,
    challenge: data.challenge as string,
    origin: data.origin as string,
    crossOrigin: data.crossOrigin === true,
    topOrigin: typeof data.topOrigin === 'string' ? data.topOrigin : undefined,
  };
}
