import type { UserRecord } from '../../store/user.store.js';
import { formatTimestamp } from '../clock.js';

/**
 * The `data` of `user.created`, `user.updated` and `user.deleted`: the user as the Backend
 * API's `user` shows it, plus its creation time (for `user.deleted`, its last state).
 */
export function userEventData(user: UserRecord): Record<string, unknown> {
  return {
    userID: user.id,
    ...(user.fullName !== null && { fullName: user.fullName }),
    status: user.status,
    ...(user.explicitWebauthnId !== null && { explicitWebauthnID: user.explicitWebauthnId }),
    created: formatTimestamp(user.createdAt),
    createdMs: user.createdAt,
    updated: formatTimestamp(user.updatedAt),
    updatedMs: user.updatedAt,
  };
}
