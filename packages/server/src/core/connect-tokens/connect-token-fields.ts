import type {
  ConnectTokenData,
  ConnectTokenStatus,
  ConnectTokenType,
} from '../../store/connect-token.store.js';
import { invalidField } from '../errors.js';
import { hasControlCharacters } from '../projects/project-settings.js';

/** The connect token as core hands it to adapters. */
export type {
  ConnectTokenData,
  ConnectTokenRecord,
  ConnectTokenStatus,
  ConnectTokenType,
} from '../../store/connect-token.store.js';

export const connectTokenTypes: readonly ConnectTokenType[] = [
  'passkey-append',
  'passkey-delete',
  'passkey-list',
  'passkey-login',
];
export const connectTokenStatuses: readonly ConnectTokenStatus[] = ['initial', 'consumed'];

/** Secrets look like Corbado's (`ctk1_…`): the prefix and 48 base62 characters (~285 bits). */
export const connectTokenSecretPrefix = 'ctk1_';
export const connectTokenSecretRandomLength = 48;

/**
 * Lifetimes in seconds. Corbado's docs call connect tokens short-lived and single-use; the
 * token is minted by the customer's backend just before its page hands it to the UI, so ten
 * minutes is plenty. Longer asks are shortened to an hour (the spec's example value): the
 * field is a maximum, and `expires` in the answer says what was granted.
 */
export const defaultConnectTokenLifetimeSeconds = 600;
export const maxConnectTokenLifetimeSeconds = 3600;

/** Identifiers are login identifiers (an email address, a phone number, a username). */
const maxIdentifierLength = 320;
const maxDisplayNameLength = 256;

export function validateConnectTokenType(value: unknown): ConnectTokenType {
  if (typeof value !== 'string' || !(connectTokenTypes as readonly string[]).includes(value)) {
    throw invalidField('type', `must be one of ${connectTokenTypes.join(', ')}`);
  }
  return value as ConnectTokenType;
}

export function validateConnectTokenStatus(value: unknown): ConnectTokenStatus {
  if (typeof value !== 'string' || !(connectTokenStatuses as readonly string[]).includes(value)) {
    throw invalidField('status', `must be one of ${connectTokenStatuses.join(', ')}`);
  }
  return value as ConnectTokenStatus;
}

function requireText(field: string, value: unknown, maxLength: number): string {
  if (value === undefined || value === null) throw invalidField(field, 'is required');
  if (typeof value !== 'string') throw invalidField(field, 'must be a string');
  const trimmed = value.trim();
  if (trimmed.length === 0) throw invalidField(field, 'must not be empty');
  if (trimmed.length > maxLength) {
    throw invalidField(field, `must be at most ${maxLength} characters`);
  }
  if (hasControlCharacters(trimmed)) {
    throw invalidField(field, 'must not contain control characters');
  }
  return trimmed;
}

/**
 * The spec's `connectTokenData` is a oneOf whose member is picked by the token's type:
 * `passkey-append` needs `displayName` and `identifier`, the others `identifier` only.
 * Only the fields of that member are kept (a displayName sent with another type is ignored).
 * @throws VALIDATION_FAILED naming `data` or `data.<field>`.
 */
export function validateConnectTokenData(type: ConnectTokenType, value: unknown): ConnectTokenData {
  if (value === undefined || value === null) throw invalidField('data', 'is required');
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalidField('data', 'must be an object');
  }
  const data = value as Record<string, unknown>;
  const identifier = requireText('data.identifier', data.identifier, maxIdentifierLength);
  if (type !== 'passkey-append') return { identifier };
  const displayName = requireText('data.displayName', data.displayName, maxDisplayNameLength);
  return { displayName, identifier };
}

/**
 * The token's lifetime in seconds: the default when absent, at most the maximum.
 * @throws VALIDATION_FAILED naming `maxLifetimeInSeconds` for anything but a positive integer.
 */
export function resolveConnectTokenLifetime(value: unknown): number {
  if (value === undefined || value === null) return defaultConnectTokenLifetimeSeconds;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw invalidField('maxLifetimeInSeconds', 'must be a whole number of seconds above 0');
  }
  return Math.min(value, maxConnectTokenLifetimeSeconds);
}
