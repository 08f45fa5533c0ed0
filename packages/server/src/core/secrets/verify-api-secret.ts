import { findActiveApiSecrets, touchApiSecret } from '../../store/api-secret.store.js';
import { hashesEqual, hashToken } from '../crypto/hash-token.js';
import type { CoreDeps } from '../deps.js';
import { isId } from '../ids.js';

/** Last-use times are written at most this often per secret. */
const lastUsedResolutionMs = 60_000;

/**
 * Checks a project ID and secret pair. Returns the matching secret's ID, or undefined for any
 * mismatch (unknown project, wrong or revoked secret) so callers cannot tell them apart.
 * Every active secret of the project is compared in constant time, without early exit.
 */
export async function verifyApiSecret(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  projectId: string,
  secret: string,
): Promise<string | undefined> {
  if (!isId('project', projectId) || secret.length > 512) return undefined;
  const presented = hashToken(secret);
  const candidates = await findActiveApiSecrets(deps.db, projectId);
  let match: (typeof candidates)[number] | undefined;
  for (const candidate of candidates) {
    if (hashesEqual(candidate.secretHash, presented)) match = candidate;
  }
  if (!match) return undefined;
  // The stamp just read tells whether it is due; the guarded UPDATE still settles races.
  const now = deps.clock.now();
  if (match.lastUsedAt === null || match.lastUsedAt < now - lastUsedResolutionMs) {
    await touchApiSecret(deps.db, match.id, now, lastUsedResolutionMs);
  }
  return match.id;
}
