import { invalidField } from '../../errors.js';
import { validateText } from '../../events/event-fields.js';

/** Longest `processID` / `trackingID` accepted (Corbado's are about 20 characters). */
export const maxProcessIdLength = 128;
/** Longest `username` accepted: an email address or a customer's own identifier. */
export const maxUsernameLength = 320;
/** Longest `attestationResponse` / `assertionResponse`: generous for packed x5c chains. */
export const maxCredentialResponseLength = 128 * 1024;

export function requireProcessId(value: unknown, field = 'processID'): string {
  return validateText(field, value, maxProcessIdLength, { required: true }) as string;
}

export function optionalTrackingId(value: unknown): string | null {
  return validateText('trackingID', value, maxProcessIdLength, { required: false });
}

export function requireUsername(value: unknown): string {
  return validateText('username', value, maxUsernameLength, { required: true }) as string;
}

/** A JSON-serialised credential response: a bounded, non-empty string. */
export function requireCredentialResponseText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalidField(field, 'is required');
  if (value.length > maxCredentialResponseLength) {
    throw invalidField(field, `must be at most ${maxCredentialResponseLength} characters`);
  }
  return value;
}

export function optionalBoolean(value: unknown, field: string): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw invalidField(field, 'must be true or false');
  return value;
}
