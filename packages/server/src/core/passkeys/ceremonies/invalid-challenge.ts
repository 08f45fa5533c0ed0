import { LatchkeyError } from '../../errors.js';

/**
 * The response's challenge is not one this ceremony may finish: unknown, issued for another
 * user, process or ceremony, already used, or expired. One answer for all, so that a caller
 * learns nothing about challenges it does not own.
 */
export function invalidChallenge(field: string): LatchkeyError {
  const message = 'the challenge is unknown, expired or already used; start the ceremony again';
  return new LatchkeyError('PASSKEY_CHALLENGE_INVALID', `${field}: ${message}`, {
    validation: [{ field: `${field}.response.clientDataJSON`, message }],
  });
}
