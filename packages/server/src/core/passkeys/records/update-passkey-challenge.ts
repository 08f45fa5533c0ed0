import {
  findUserPasskeyChallenge,
  type PasskeyChallengeRecord,
  retireUserPasskeyChallenge,
} from '../../../store/passkey-challenge.store.js';
import type { CoreDeps } from '../../deps.js';
import { invalidField, LatchkeyError } from '../../errors.js';
import { getUser, requireUserId } from '../../users/get-user.js';
import { requirePasskeyChallengeId } from './record-fields.js';

export interface UpdatePasskeyChallengeInput {
  status: string;
}

/**
 * Retires one of a user's passkey challenges: `status` may only be set to `consumed`. A
 * pending challenge then can no longer finish its ceremony, a completed login challenge no
 * longer backs its signed passkey data. Setting `pending` or `completed` by hand is refused:
 * `completed` would skip the WebAuthn verification a finish does, `pending` would make a
 * single-use challenge usable again. Consuming an already consumed challenge changes
 * nothing and answers it as it is.
 * @throws VALIDATION_FAILED (naming `status`), USER_NOT_FOUND, PASSKEY_CHALLENGE_NOT_FOUND
 * (also for another user's or another project's challenge)
 */
export async function updatePasskeyChallenge(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  projectId: string,
  userId: string,
  passkeyChallengeId: string,
  input: UpdatePasskeyChallengeInput,
): Promise<PasskeyChallengeRecord> {
  const key = {
    projectId,
    userId: requireUserId(userId),
    id: requirePasskeyChallengeId(passkeyChallengeId),
  };
  if (input.status !== 'consumed') {
    throw invalidField(
      'status',
      'only "consumed" can be set: challenges become completed only through a verified ceremony, and never pending again',
    );
  }
  // One guarded UPDATE (pending or completed → consumed), so it cannot race a finish.
  const retired = await retireUserPasskeyChallenge(deps.db, key, deps.clock.now());
  if (retired) return retired;
  // Nothing changed: already consumed (answer it as it is), or there is no such challenge.
  const current = await findUserPasskeyChallenge(deps.db, key);
  if (current) return current;
  await getUser(deps, projectId, key.userId);
  throw new LatchkeyError(
    'PASSKEY_CHALLENGE_NOT_FOUND',
    `user ${key.userId} has no passkey challenge ${key.id}`,
  );
}
