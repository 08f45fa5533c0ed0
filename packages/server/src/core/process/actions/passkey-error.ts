import { isLatchkeyError } from '../../errors.js';
import type { BlockError, StepOutcome } from '../process-step.js';

/** Codes of a refused passkey ceremony: an expected failure that keeps the block. */
const ceremonyFailures = new Set([
  'VALIDATION_FAILED',
  'PASSKEY_CHALLENGE_INVALID',
  'WEBAUTHN_VERIFICATION_FAILED',
  'DUPLICATE_VALUE',
]);

/** The block error for a refused passkey ceremony; undefined for any other error. */
function passkeyFailure(error: unknown): BlockError | undefined {
  if (!isLatchkeyError(error) || !ceremonyFailures.has(error.code)) return undefined;
  return {
    code: error.code === 'DUPLICATE_VALUE' ? 'passkey_exists' : 'passkey_error',
    message: error.message,
  };
}

/**
 * Runs a passkey ceremony's finish. A refusal (bad or replayed response, failed verification,
 * a credential registered already) becomes the outcome `stay` builds, with the error on the
 * block; any other error propagates.
 */
export async function finishCeremony<T>(
  ceremony: () => Promise<T>,
  stay: (error: BlockError) => Promise<StepOutcome>,
): Promise<{ done: T } | { refused: StepOutcome }> {
  try {
    return { done: await ceremony() };
  } catch (error) {
    const failure = passkeyFailure(error);
    if (!failure) throw error;
    return { refused: await stay(failure) };
  }
}
