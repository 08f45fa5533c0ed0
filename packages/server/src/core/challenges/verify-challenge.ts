import {
  type ChallengeRecord,
  countWrongAttempt,
  lockChallenge,
  markChallengeCompleted,
} from '../../store/challenge.store.js';
import { userExists } from '../../store/user.store.js';
import { hashesEqual, hashToken } from '../crypto/hash-token.js';
import type { CoreDeps } from '../deps.js';
import { type ErrorCode, LatchkeyError } from '../errors.js';
import { requireUserId } from '../users/get-user.js';
import {
  maxChallengeAttempts,
  requireChallengeId,
  validateChallengeValue,
} from './challenge-fields.js';

export interface VerifyChallengeInput {
  value: unknown;
}

type Outcome =
  | { kind: 'completed'; challenge: ChallengeRecord }
  | { kind: 'wrong'; attemptsLeft: number }
  | { kind: 'missing' }
  | { kind: 'refused'; code: ErrorCode; message: string };

/**
 * Checks the code (or link token) of a pending challenge and completes it. One transaction
 * holds the challenge's row lock while it compares and writes, so of concurrent requests with
 * the right code exactly one completes it, and no more than 5 wrong values are ever checked.
 * The comparison is of SHA-256 digests, in constant time.
 * @throws VALIDATION_FAILED (malformed IDs or value), USER_NOT_FOUND, CHALLENGE_NOT_FOUND,
 *   CHALLENGE_CODE_INVALID (wrong value, counted), CHALLENGE_LOCKED (5 wrong values so far),
 *   CHALLENGE_EXPIRED, CHALLENGE_NOT_PENDING (already completed)
 */
export async function verifyChallenge(
  deps: CoreDeps,
  projectId: string,
  userId: string,
  challengeId: string,
  input: VerifyChallengeInput,
): Promise<ChallengeRecord> {
  const key = { projectId, userId: requireUserId(userId), id: requireChallengeId(challengeId) };
  const value = validateChallengeValue(input.value);
  const valueHash = hashToken(value);

  // Wrong tries must be counted even though they fail, so the transaction returns the outcome
  // and the error is thrown after it committed.
  const outcome = await deps.db.transaction().execute(async (trx): Promise<Outcome> => {
    const challenge = await lockChallenge(trx, key);
    if (!challenge) return { kind: 'missing' };
    const now = deps.clock.now();
    if (challenge.status === 'completed') {
      return {
        kind: 'refused',
        code: 'CHALLENGE_NOT_PENDING',
        message: 'the challenge is already completed',
      };
    }
    if (challenge.status === 'expired' || challenge.expiresAt <= now) {
      return {
        kind: 'refused',
        code: 'CHALLENGE_EXPIRED',
        message: 'the challenge has expired; create a new one',
      };
    }
    if (challenge.attempts >= maxChallengeAttempts) {
      return {
        kind: 'refused',
        code: 'CHALLENGE_LOCKED',
        message: `${maxChallengeAttempts} wrong values were tried; create a new challenge`,
      };
    }
    if (!hashesEqual(valueHash, challenge.codeHash)) {
      const attempts = await countWrongAttempt(trx, key, now, maxChallengeAttempts);
      return {
        kind: 'wrong',
        attemptsLeft: maxChallengeAttempts - (attempts ?? maxChallengeAttempts),
      };
    }
    // Under the row lock this cannot lose a race; the guards make sure of it all the same.
    if (!(await markChallengeCompleted(trx, key, now, maxChallengeAttempts))) {
      return {
        kind: 'refused',
        code: 'CHALLENGE_NOT_PENDING',
        message: 'the challenge is no longer pending',
      };
    }
    return { kind: 'completed', challenge: { ...challenge, status: 'completed', updatedAt: now } };
  });

  switch (outcome.kind) {
    case 'completed':
      return outcome.challenge;
    case 'wrong': {
      const message = `is not the code that was sent (${outcome.attemptsLeft} ${outcome.attemptsLeft === 1 ? 'try' : 'tries'} left)`;
      throw new LatchkeyError('CHALLENGE_CODE_INVALID', `value: ${message}`, {
        validation: [{ field: 'value', message }],
      });
    }
    case 'refused':
      throw new LatchkeyError(outcome.code, outcome.message);
    case 'missing':
      if (!(await userExists(deps.db, projectId, key.userId))) {
        throw new LatchkeyError('USER_NOT_FOUND', `no user ${key.userId}`);
      }
      throw new LatchkeyError(
        'CHALLENGE_NOT_FOUND',
        `no challenge ${key.id} for user ${key.userId}`,
      );
  }
}
