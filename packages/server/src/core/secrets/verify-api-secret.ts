import { findProjectWithActiveSecrets, touchApiSecret } from '../../store/api-secret.store.js';
import type { ProjectRecord } from '../../store/project.store.js';
import { hashesEqual, hashToken } from '../crypto/hash-token.js';
import type { CoreDeps } from '../deps.js';
import { isId } from '../ids.js';

/** Last-use times are written at most this often per secret. */
const lastUsedResolutionMs = 60_000;

/** Who a valid project ID and secret pair authenticates: the project, as read just now. */
export interface AuthenticatedProject {
  secretId: string;
  project: ProjectRecord;
}

/**
 * Checks a project ID and secret pair. Returns the matching secret's ID with the project
 * (read in the same query, so the request need not read it again), or undefined for any
 * mismatch (unknown project, wrong or revoked secret) so callers cannot tell them apart.
 * Every active secret of the project is compared in constant time, without early exit.
 */
export async function verifyApiSecret(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  projectId: string,
  secret: string,
): Promise<AuthenticatedProject | undefined> {
  if (!isId('project', projectId) || secret.length > 512) return undefined;
  const presented = hashToken(secret);
  const found = await findProjectWithActiveSecrets(deps.db, projectId);
  if (!found) return undefined;
  const candidates = found.secrets;
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
  return { secretId: match.id, project: found.project };
}
