import { findApiSecret, revokeApiSecretRow } from '../../store/api-secret.store.js';
import type { CoreDeps } from '../deps.js';
import { LatchkeyError } from '../errors.js';

/**
 * Revokes a secret; it stops working at once on every node.
 * @throws SECRET_NOT_FOUND when there is no such secret, CONFLICT when it is already revoked.
 */
export async function revokeApiSecret(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  secretId: string,
): Promise<void> {
  const revoked = await revokeApiSecretRow(deps.db, secretId, deps.clock.now());
  if (revoked) return;
  const existing = await findApiSecret(deps.db, secretId);
  if (!existing) throw new LatchkeyError('SECRET_NOT_FOUND', `no API secret ${secretId}`);
  throw new LatchkeyError('CONFLICT', `API secret ${secretId} is already revoked`);
}
