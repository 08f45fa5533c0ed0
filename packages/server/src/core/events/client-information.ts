import { invalidField } from '../errors.js';
import { hasControlCharacters } from '../projects/project-settings.js';

/** backend_api.yml `clientInformation`, as validated and stored (unknown fields dropped). */
export interface ClientInformation {
  remoteAddress: string;
  userAgent: string;
  clientEnvHandle?: string;
  javascriptFingerprint?: string;
  javaScriptHighEntropy?: { platform: string; platformVersion: string; mobile: boolean };
  bluetoothAvailable?: boolean;
  passwordManagerAvailable?: boolean;
  userVerifyingPlatformAuthenticatorAvailable: boolean;
  conditionalMediationAvailable: boolean;
  privateMode?: boolean;
  parsedDeviceInfo: {
    browserName: string;
    browserVersion: string;
    osName: string;
    osVersion: string;
  };
  nativeMeta?: {
    build: string;
    deviceOwnerAuth?: string;
    isPlatformAuthenticatorAPISupported?: boolean;
    isBluetoothAvailable?: boolean;
    isBluetoothOn?: boolean;
    googlePlayServices?: boolean;
    deviceSecure?: boolean;
  };
}

type FieldRule =
  | { type: 'string'; maxLength: number; required?: boolean }
  | { type: 'boolean'; required?: boolean }
  | { type: 'object'; required?: boolean; fields: Record<string, FieldRule> };

const short = (required = true): FieldRule => ({ type: 'string', maxLength: 128, required });
const flag = (required = false): FieldRule => ({ type: 'boolean', required });

/**
 * The spec's object, field by field, with Latchkey's length limits: user agents up to 1024
 * characters, handles and fingerprints 256, everything else 128.
 */
const clientInformationRules: Record<string, FieldRule> = {
  remoteAddress: short(),
  userAgent: { type: 'string', maxLength: 1024, required: true },
  clientEnvHandle: { type: 'string', maxLength: 256 },
  javascriptFingerprint: { type: 'string', maxLength: 256 },
  javaScriptHighEntropy: {
    type: 'object',
    fields: { platform: short(), platformVersion: short(), mobile: flag(true) },
  },
  bluetoothAvailable: flag(),
  passwordManagerAvailable: flag(),
  userVerifyingPlatformAuthenticatorAvailable: flag(true),
  conditionalMediationAvailable: flag(true),
  privateMode: flag(),
  parsedDeviceInfo: {
    type: 'object',
    required: true,
    fields: { browserName: short(), browserVersion: short(), osName: short(), osVersion: short() },
  },
  nativeMeta: {
    type: 'object',
    fields: {
      build: short(),
      deviceOwnerAuth: short(false),
      isPlatformAuthenticatorAPISupported: flag(),
      isBluetoothAvailable: flag(),
      isBluetoothOn: flag(),
      googlePlayServices: flag(),
      deviceSecure: flag(),
    },
  },
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function validateObject(
  path: string,
  value: unknown,
  rules: Record<string, FieldRule>,
): Record<string, unknown> {
  if (!isPlainObject(value)) throw invalidField(path, 'must be an object');
  const out: Record<string, unknown> = {};
  for (const [name, rule] of Object.entries(rules)) {
    const field = `${path}.${name}`;
    const item = Object.hasOwn(value, name) ? value[name] : undefined;
    if (item === undefined || item === null) {
      if (rule.required) throw invalidField(field, 'is required');
      continue;
    }
    switch (rule.type) {
      case 'string':
        if (typeof item !== 'string') throw invalidField(field, 'must be a string');
        if (item.length > rule.maxLength) {
          throw invalidField(field, `must be at most ${rule.maxLength} characters`);
        }
        if (hasControlCharacters(item)) {
          throw invalidField(field, 'must not contain control characters');
        }
        out[name] = item;
        break;
      case 'boolean':
        if (typeof item !== 'boolean') throw invalidField(field, 'must be true or false');
        out[name] = item;
        break;
      case 'object':
        out[name] = validateObject(field, item, rule.fields);
        break;
    }
  }
  return out;
}

/**
 * Validates a `clientInformation` object: the spec's required fields and types, bounded
 * strings without control characters. Returns a copy with only the spec's fields.
 * @throws VALIDATION_FAILED naming the field, e.g. `clientInformation.parsedDeviceInfo.osName`.
 */
export function validateClientInformation(
  value: unknown,
  path = 'clientInformation',
): ClientInformation {
  if (value === undefined || value === null) throw invalidField(path, 'is required');
  return validateObject(path, value, clientInformationRules) as unknown as ClientInformation;
}
