import { LatchkeyError } from '../../errors.js';

/** A WebAuthn check failed: 400 naming the response field. */
export function verificationFailed(field: string, message: string, cause?: unknown): LatchkeyError {
  return new LatchkeyError('WEBAUTHN_VERIFICATION_FAILED', `${field}: ${message}`, {
    validation: [{ field, message }],
    ...(cause !== undefined && { cause }),
  });
}
