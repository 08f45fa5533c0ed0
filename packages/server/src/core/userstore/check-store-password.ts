import { findUserStoreProfile } from '../../store/user-store-profile.store.js';
import type { CoreDeps } from '../deps.js';
import type { RateLimiter, RateLimitRule } from '../rate-limit/rate-limiter.js';
import { verifyPassword } from './password-hash.js';
import { requireStoreUser } from './store-user.js';

/**
 * Failed checks a user may have before `checkpw` locks: 5 in 15 minutes, then 429 with
 * `Retry-After` until the window ends (OWASP Authentication Cheat Sheet: lock out after a
 * small number of failed attempts, for a limited time).
 */
export const checkPasswordFailureRule: RateLimitRule = {
  name: 'userstore-checkpw-failure',
  limit: 5,
  windowMs: 15 * 60_000,
};

/**
 * `POST /users/{id}/checkpw`: whether the password is the user's. Every answer for an
 * existing user costs one argon2id verification (a user without a password is checked
 * against a dummy hash), so wrong passwords, users without one and disabled users take
 * equally long. A disabled user always gets false. Failures count towards the lockout.
 * @throws USER_NOT_FOUND, RATE_LIMITED (locked; retryAfterSeconds set)
 */
export async function checkStoreUserPassword(
  deps: CoreDeps & { rateLimiter: RateLimiter },
  projectId: string,
  userId: string,
  password: string,
): Promise<boolean> {
  const user = await requireStoreUser(deps.db, projectId, userId);
  const subject = `${projectId}:${user.id}`;
  await deps.rateLimiter.assertAllowed(checkPasswordFailureRule, subject);
  const profile = await findUserStoreProfile(deps.db, projectId, user.id);
  const matches = await verifyPassword(profile?.passwordHash ?? null, password);
  const result = matches && user.status !== 'disabled';
  if (!result) await deps.rateLimiter.record(checkPasswordFailureRule, subject);
  return result;
}
