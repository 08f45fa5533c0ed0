import type { UserRecord } from '../../../store/user.store.js';

/**
 * The WebAuthn user handle (`user.id`) of a user, base64url: the bytes of the explicit
 * WebAuthn ID when the user has one (users migrated from Corbado keep theirs), else of the
 * user ID. It carries no personal data (WebAuthn §14.6.1).
 */
export function userHandleOf(user: Pick<UserRecord, 'id' | 'explicitWebauthnId'>): string {
  return Buffer.from(user.explicitWebauthnId ?? user.id, 'utf8').toString('base64url');
}
