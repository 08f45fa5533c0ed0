import { findLatestPendingChallenge } from '../../store/challenge.store.js';
import { listIdentifiersOfUsers, updateIdentifierStatus } from '../../store/identifier.store.js';
import { verifyChallenge } from '../challenges/verify-challenge.js';
import type { CoreDeps } from '../deps.js';
import { invalidField, LatchkeyError, withFieldRenamed } from '../errors.js';
import type { RateLimiter, RateLimitRule } from '../rate-limit/rate-limiter.js';
import { requireMeIdentifierId } from './delete-me-identifier.js';

/** At most 10 codes checked per user in 10 minutes, on top of 5 wrong tries per challenge. */
export const meIdentifierVerifyRule: RateLimitRule = {
  name: 'me-identifier-verify',
  limit: 10,
  windowMs: 10 * 60 * 1000,
};

/**
 * Checks a code against the newest pending challenge of one of the signed-in user's
 * identifiers; on success the identifier becomes `verified` (a primary one stays primary).
 * @throws VALIDATION_FAILED (identifierID, code), IDENTIFIER_NOT_FOUND, RATE_LIMITED,
 *   CHALLENGE_NOT_FOUND (no code was sent), CHALLENGE_CODE_INVALID, CHALLENGE_EXPIRED,
 *   CHALLENGE_LOCKED
 */
export async function finishMeIdentifierVerify(
  deps: CoreDeps & { rateLimiter: RateLimiter },
  user: { projectId: string; id: string },
  input: { identifierID: unknown; code: unknown },
): Promise<void> {
  const id = requireMeIdentifierId(input.identifierID);
  if (typeof input.code !== 'string' || input.code === '')
    throw invalidField('code', 'is required');
  await deps.rateLimiter.consume(meIdentifierVerifyRule, `${user.projectId}:${user.id}`);
  const own = await listIdentifiersOfUsers(deps.db, user.projectId, [user.id]);
  const identifier = own.find((candidate) => candidate.id === id);
  if (!identifier) throw new LatchkeyError('IDENTIFIER_NOT_FOUND', `you have no identifier ${id}`);
  const challenge = await findLatestPendingChallenge(deps.db, {
    projectId: user.projectId,
    userId: user.id,
    identifierValue: identifier.value,
  });
  if (!challenge) {
    throw new LatchkeyError(
      'CHALLENGE_NOT_FOUND',
      'no code was sent for this identifier; start again',
    );
  }
  try {
    await verifyChallenge(deps, user.projectId, user.id, challenge.id, { value: input.code });
  } catch (error) {
    // The Backend API names `value`; this body calls it `code`.
    if (error instanceof LatchkeyError) throw withFieldRenamed(error, 'value', 'code');
    throw error;
  }
  if (identifier.status === 'pending') {
    await updateIdentifierStatus(
      deps.db,
      { projectId: user.projectId, userId: user.id, id },
      'verified',
      deps.clock.now(),
    );
  }
}
