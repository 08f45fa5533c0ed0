import { supportedCOSEAlgorithmIdentifiers } from '@simplewebauthn/server';
import { invalidField } from '../errors.js';
import { validateOrigin } from '../projects/project-settings.js';
import type { WebauthnSettings } from './relying-party.js';

/**
 * COSE algorithms by their IANA names (https://www.iana.org/assignments/cose): the ones a
 * WebAuthn authenticator may use for a credential key.
 */
export const coseAlgorithms: Readonly<Record<string, number>> = {
  ES256: -7,
  EdDSA: -8,
  ES384: -35,
  ES512: -36,
  PS256: -37,
  PS384: -38,
  PS512: -39,
  RS256: -257,
  RS384: -258,
  RS512: -259,
};

/**
 * The algorithms a project may offer: those above that @simplewebauthn/server verifies
 * (`supportedCOSEAlgorithmIdentifiers`). In version 13 that leaves out ES384 (-35), which the
 * library's registration check does not list, and RS1 (-65535, SHA-1) is never offered.
 */
export const supportedAlgorithms: readonly number[] = Object.values(coseAlgorithms).filter((id) =>
  supportedCOSEAlgorithmIdentifiers.includes(id),
);

/** The IANA name of a COSE algorithm (`-7` → `ES256`), or the number as text. */
export function algorithmName(id: number): string {
  return Object.entries(coseAlgorithms).find(([, value]) => value === id)?.[0] ?? String(id);
}

/** What callers may pass: any member may be missing, and values are checked here. */
export type WebauthnSettingsInput = { readonly [K in keyof WebauthnSettings]?: unknown };

/** Bounds on the client timeout: long enough to find a security key, short enough to expire. */
export const timeoutBoundsMs = { min: 30_000, max: 600_000 } as const;

/** At most this many related origins (and top origins); the list is served to every browser. */
export const maxOriginsPerList = 20;

const enums = {
  userVerification: ['required', 'preferred', 'discouraged'],
  attestation: ['none', 'indirect', 'direct', 'enterprise'],
  residentKey: ['required', 'preferred', 'discouraged'],
} as const;

const settingNames: readonly string[] = [
  'userVerification',
  'attestation',
  'residentKey',
  'authenticatorAttachment',
  'algorithms',
  'timeoutMs',
  'allowCrossOrigin',
  'allowedTopOrigins',
  'relatedOrigins',
] satisfies (keyof WebauthnSettings)[];

/**
 * Validates relying-party settings given in part (the members present are checked, absent or
 * `undefined` ones are left out) and returns them in canonical form. Algorithms may be given
 * as COSE numbers or IANA names (`ES256`, `EdDSA`, `RS256`, …).
 * @param prefix names the fields in errors: `webauthn` → `webauthn.timeoutMs`.
 * @throws VALIDATION_FAILED naming the first bad field.
 */
export function validateWebauthnSettings(
  input: unknown,
  prefix = 'webauthn',
): Partial<WebauthnSettings> {
  const name = (key: string) => (prefix ? `${prefix}.${key}` : key);
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw invalidField(prefix || 'webauthn', 'must be an object');
  }
  const values = input as Record<string, unknown>;
  const unknown = Object.keys(values).find((key) => !settingNames.includes(key));
  if (unknown !== undefined) {
    throw invalidField(name(unknown), `is not a setting; known: ${settingNames.join(', ')}`);
  }
  const settings: Partial<WebauthnSettings> = {};
  const { userVerification, attestation, residentKey } = values;
  if (userVerification !== undefined) {
    settings.userVerification = oneOf(
      name('userVerification'),
      userVerification,
      enums.userVerification,
    );
  }
  if (attestation !== undefined) {
    settings.attestation = oneOf(name('attestation'), attestation, enums.attestation);
  }
  if (residentKey !== undefined) {
    settings.residentKey = oneOf(name('residentKey'), residentKey, enums.residentKey);
  }
  if (values.authenticatorAttachment !== undefined) {
    settings.authenticatorAttachment =
      values.authenticatorAttachment === null
        ? null
        : oneOf(name('authenticatorAttachment'), values.authenticatorAttachment, [
            'platform',
            'cross-platform',
          ] as const);
  }
  if (values.algorithms !== undefined) {
    settings.algorithms = validateAlgorithms(name('algorithms'), values.algorithms);
  }
  if (values.timeoutMs !== undefined) {
    const timeout = values.timeoutMs;
    if (
      typeof timeout !== 'number' ||
      !Number.isInteger(timeout) ||
      timeout < timeoutBoundsMs.min ||
      timeout > timeoutBoundsMs.max
    ) {
      throw invalidField(
        name('timeoutMs'),
        `must be a whole number of milliseconds from ${timeoutBoundsMs.min} to ${timeoutBoundsMs.max}`,
      );
    }
    settings.timeoutMs = timeout;
  }
  if (values.allowCrossOrigin !== undefined) {
    if (typeof values.allowCrossOrigin !== 'boolean') {
      throw invalidField(name('allowCrossOrigin'), 'must be true or false');
    }
    settings.allowCrossOrigin = values.allowCrossOrigin;
  }
  if (values.allowedTopOrigins !== undefined) {
    settings.allowedTopOrigins = validateOriginList(
      name('allowedTopOrigins'),
      values.allowedTopOrigins,
    );
  }
  if (values.relatedOrigins !== undefined) {
    settings.relatedOrigins = validateOriginList(name('relatedOrigins'), values.relatedOrigins);
  }
  return settings;
}

function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalidField(field, `must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

function validateAlgorithms(field: string, value: unknown): number[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw invalidField(
      field,
      'must be a non-empty list of COSE algorithms, e.g. ES256,EdDSA,RS256',
    );
  }
  const supported = supportedAlgorithms.map(algorithmName).join(', ');
  const ids: number[] = [];
  value.forEach((entry: unknown, i) => {
    const id = typeof entry === 'string' ? algorithmId(entry) : entry;
    if (typeof id !== 'number' || !supportedAlgorithms.includes(id)) {
      throw invalidField(`${field}[${i}]`, `${JSON.stringify(entry)} is not one of ${supported}`);
    }
    if (ids.includes(id)) {
      throw invalidField(`${field}[${i}]`, `${algorithmName(id)} is listed twice`);
    }
    ids.push(id);
  });
  return ids;
}

/** A name (case-insensitive) or a number written as text; undefined when it is neither. */
function algorithmId(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^-?[0-9]+$/.test(trimmed)) return Number(trimmed);
  const entry = Object.entries(coseAlgorithms).find(
    ([name]) => name.toLowerCase() === trimmed.toLowerCase(),
  );
  return entry?.[1];
}

function validateOriginList(field: string, value: unknown): string[] {
  if (!Array.isArray(value)) throw invalidField(field, 'must be a list of origins');
  if (value.length > maxOriginsPerList) {
    throw invalidField(field, `at most ${maxOriginsPerList} origins`);
  }
  const origins = value.map((entry: unknown, i) => {
    if (typeof entry !== 'string') throw invalidField(`${field}[${i}]`, 'must be an origin');
    return validateOrigin(`${field}[${i}]`, entry);
  });
  return [...new Set(origins)];
}
